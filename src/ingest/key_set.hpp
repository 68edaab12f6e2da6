// An exact set of string keys with the line on which each was first seen,
// compact enough for tens of millions of keys (one arena plus an
// open-addressing table: about 16 bytes per key plus the key itself).
// Used for references (does this org_id exist?) and in-file duplicates.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pl::ingest {

class KeySet {
 public:
  KeySet();
  // Inserts `key` seen on `line`. Returns 0 when it is new, or the line of
  // the earlier occurrence (kUnknownLine for keys loaded from the database).
  std::uint64_t Insert(std::string_view key, std::uint64_t line);
  bool Contains(std::string_view key) const;
  std::size_t size() const { return size_; }

  static constexpr std::uint64_t kUnknownLine = ~std::uint64_t{0};

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t offset = 0;  // into arena_, plus one; 0 = empty
  };
  std::size_t Find(std::string_view key, std::uint64_t hash) const;
  void Grow();
  std::string_view KeyAt(std::uint64_t offset) const;

  std::vector<Slot> slots_;
  std::vector<char> arena_;  // [line: 8 bytes][length: 4 bytes][key bytes]
  std::size_t size_ = 0;
};

// Joins the values of a composite key with a separator no identifier holds.
void AppendKeyPart(std::string* key, std::string_view part);

}  // namespace pl::ingest
