// Public face of the http module: include this one header.
//
//   request.hpp        Request, PercentDecode, ParseTarget
//   response.hpp       Response (Json, Error)
//   error_mapping.hpp  HttpStatusFor: the one StatusCode -> HTTP mapping
//   router.hpp         Router, Handler
//   static_files.hpp   StaticFiles: the built front end
//   server.hpp         ServerConfig, Server
#pragma once

#include "http/error_mapping.hpp"
#include "http/multipart.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
