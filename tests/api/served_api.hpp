// The routes of the API served on a loopback port over a fresh database of
// each backend, for the suites that talk to it over HTTP: accounts to sign in
// with, and requests whose answers are checked against docs/openapi.yaml.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/openapi_contract.hpp"
#include "api/route_table.hpp"
#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "integration/test_database.hpp"
#include "jobs/jobs.hpp"
#include "privacy/access.hpp"

namespace pl::api::test {

struct TestAccount {
  privacy::Role role;
  std::string email;
  std::string scope;  // empty: none
};

class ServedApiTest : public ::testing::TestWithParam<pl::testing::Backend> {
 protected:
  static constexpr const char* kPassword = "correct horse battery staple";

  // A fresh database of the test's backend, migrated, with the reference data.
  void MakeDatabase();
  // Accounts with kPassword.
  void AddAccounts(std::initializer_list<TestAccount> accounts);
  // Every route (each one declared in the route table) on a loopback port,
  // with `config`'s version "test" and its folders, unless set, in the test's own.
  void Serve(ApiConfig config = {});
  // Waits for the jobs the requests started before the server and the pool go.
  void TearDown() override;

  // Signs in: the session cookie and the CSRF token for unsafe requests.
  http::test::HeaderList SignIn(const std::string& email);
  // A request whose answer must match the documented schema of its status.
  http::test::ClientResponse Call(const std::string& method, const std::string& target, const std::string& body = "",
                                  http::test::HeaderList headers = {});

  OpenApiContract contract_{std::string(PL_SOURCE_DIR) + "/docs/openapi.yaml"};
  std::unique_ptr<pl::testing::TestDatabase> t_;
  std::unique_ptr<store::DatabasePool> pool_;
  jobs::JobRegistry jobs_;
  std::unique_ptr<RouteTable> table_;
  std::vector<std::pair<std::string, std::string>> routes_;  // (method, pattern) served
  std::unique_ptr<http::test::RunningServer> server_;
};

}  // namespace pl::api::test
