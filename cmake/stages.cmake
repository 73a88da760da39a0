# jetsam's stages as build targets: one folder (host/NAME), one static library (jetsam_NAME),
# one set of public headers (include/jetsam/...). A stage links the stages it DEPENDS on and
# nothing else; jetsam_check_stages() makes the build refuse an include that points the other way.
#
#   jetsam_stage(NAME [DEPENDS stage...] [HEADERS header...] [SOURCES file...] [EXCLUDE file...])
#     DEPENDS: every stage NAME may use, directly or not (the list is checked to be closed).
#     HEADERS: the files under include/jetsam/ that NAME defines.
#     SOURCES: extra (generated) sources; EXCLUDE: files of host/NAME that are not in the library.

set(JETSAM_STAGES "" CACHE INTERNAL "")
get_target_property(_fmt_includes fmt::fmt INTERFACE_INCLUDE_DIRECTORIES)

function(jetsam_stage name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS;HEADERS;SOURCES;EXCLUDE")
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/host/${name}/*.cc)
  list(FILTER sources EXCLUDE REGEX "_test\\.cc$")
  foreach(x ${arg_EXCLUDE})
    list(REMOVE_ITEM sources ${CMAKE_SOURCE_DIR}/${x})
  endforeach()
  set(c_sources ${arg_SOURCES})
  list(FILTER c_sources INCLUDE REGEX "\\.c$")
  set(cxx_sources ${arg_SOURCES})
  list(FILTER cxx_sources EXCLUDE REGEX "\\.c$")
  add_library(jetsam_${name} STATIC ${sources} ${cxx_sources})
  if(c_sources)
    # C sources (mrbc's output) go in an object library of their own: the stage's precompiled
    # header is C++.
    add_library(jetsam_${name}_c OBJECT ${c_sources})
    target_link_libraries(jetsam_${name} PRIVATE jetsam_${name}_c)
    target_sources(jetsam_${name} PRIVATE $<TARGET_OBJECTS:jetsam_${name}_c>)
  endif()
  target_include_directories(jetsam_${name} PUBLIC ${CMAKE_SOURCE_DIR}/include ${_fmt_includes}
                                            PRIVATE ${CMAKE_SOURCE_DIR}/host)
  foreach(dep ${arg_DEPENDS})
    target_link_libraries(jetsam_${name} PRIVATE jetsam_${dep})
  endforeach()
  if(name STREQUAL "core")
    target_precompile_headers(jetsam_core PRIVATE <nlohmann/json.hpp> <fmt/format.h> <string> <vector>
      <map> <optional> <functional> <algorithm> <memory> <set>)
  elseif(NOT name STREQUAL "cli")
    target_precompile_headers(jetsam_${name} REUSE_FROM jetsam_core)
    add_dependencies(jetsam_${name} jetsam_core)  # core's precompiled header first
  endif()
  # A static library's files need not wait for the libraries it names to be archived (only for
  # their generated files, which CMake keeps as dependencies): the stages compile side by side.
  set_target_properties(jetsam_${name} PROPERTIES OPTIMIZE_DEPENDENCIES ON)
  # Sixteen files to a unit: the JSON and fmt templates a file instantiates are then compiled and
  # optimised once per unit, not once per file (the stages' compile CPU fell by more than half).
  # A helper private to one file must have a name no other file of its stage uses.
  if(JETSAM_UNITY_BUILD AND NOT name STREQUAL "cli")
    set_target_properties(jetsam_${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 16)
    # gcc takes a file included by the unit for a header, and warns of a class of it that holds
    # a type of the file's anonymous namespace (CanEvaluator::Impl): true of a header, not here.
    target_compile_options(jetsam_${name} PRIVATE
      $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-subobject-linkage>)
  endif()
  foreach(h ${arg_HEADERS})
    if(NOT EXISTS ${CMAKE_SOURCE_DIR}/include/jetsam/${h})
      message(FATAL_ERROR "stage ${name}: no include/jetsam/${h}")
    endif()
  endforeach()
  set(JETSAM_STAGES ${JETSAM_STAGES} ${name} CACHE INTERNAL "")
  set(JETSAM_STAGE_${name}_DEPENDS ${arg_DEPENDS} CACHE INTERNAL "")
  set(JETSAM_STAGE_${name}_HEADERS ${arg_HEADERS} CACHE INTERNAL "")
endfunction()

# After every jetsam_stage(): checks that each public header has one stage and each DEPENDS list
# is closed, and adds to each stage a build step that checks its files' includes.
function(jetsam_check_stages)
  set(header_map "")
  set(owned "")
  foreach(s ${JETSAM_STAGES})
    foreach(h ${JETSAM_STAGE_${s}_HEADERS})
      if(h IN_LIST owned)
        message(FATAL_ERROR "include/jetsam/${h} is declared by two stages")
      endif()
      list(APPEND owned ${h})
      list(APPEND header_map "${h}=${s}")
    endforeach()
    foreach(d ${JETSAM_STAGE_${s}_DEPENDS})
      foreach(dd ${JETSAM_STAGE_${d}_DEPENDS})
        if(NOT dd IN_LIST JETSAM_STAGE_${s}_DEPENDS)
          message(FATAL_ERROR "stage ${s} depends on ${d}, which depends on ${dd}: list ${dd} in ${s}'s DEPENDS too")
        endif()
      endforeach()
    endforeach()
  endforeach()
  file(GLOB all_headers RELATIVE ${CMAKE_SOURCE_DIR}/include/jetsam ${CMAKE_SOURCE_DIR}/include/jetsam/*.h)
  foreach(h ${all_headers})
    if(NOT h IN_LIST owned)
      message(FATAL_ERROR "include/jetsam/${h} belongs to no stage: add it to one stage's HEADERS")
    endif()
  endforeach()
  # Third-party headers that only some stages may see: mruby stays behind vm and eval (compile
  # and everything after it run without an interpreter) and script (which embeds a VM of its
  # own for the user's scripts), CLI11 in cli.
  set(private_libs "mruby=vm|eval|script" "CLI=cli" "boost=serve")
  foreach(s ${JETSAM_STAGES})
    file(GLOB files ${CMAKE_SOURCE_DIR}/host/${s}/*.cc ${CMAKE_SOURCE_DIR}/host/${s}/*.h)
    list(FILTER files EXCLUDE REGEX "_test\\.cc$")
    foreach(h ${JETSAM_STAGE_${s}_HEADERS})
      list(APPEND files ${CMAKE_SOURCE_DIR}/include/jetsam/${h})
    endforeach()
    set(stamp ${CMAKE_BINARY_DIR}/include_check/${s}.stamp)
    # The lists travel through a file: CMake's command line would split them at ';'.
    set(args ${CMAKE_BINARY_DIR}/include_check/${s}.cmake)
    string(JOIN "\" \"" quoted_files ${files})
    file(CONFIGURE OUTPUT ${args} CONTENT
"set(STAGE ${s})
set(ALLOWED ${s} ${JETSAM_STAGE_${s}_DEPENDS})
set(HEADER_MAP ${header_map})
set(STAGE_DIRS ${JETSAM_STAGES})
set(PRIVATE_LIBS ${private_libs})
set(FILES \"${quoted_files}\")
set(STAMP ${stamp})
")
    add_custom_command(
      OUTPUT ${stamp}
      COMMAND ${CMAKE_COMMAND} -DARGS_FILE=${args} -P ${CMAKE_SOURCE_DIR}/cmake/check_includes.cmake
      DEPENDS ${files} ${args} ${CMAKE_SOURCE_DIR}/cmake/check_includes.cmake
      COMMENT "Checking the includes of stage ${s}"
      VERBATIM)
    target_sources(jetsam_${s} PRIVATE ${stamp})
  endforeach()
endfunction()
