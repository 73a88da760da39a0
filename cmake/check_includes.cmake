# Refuses an #include that points the wrong way through jetsam's stages (run by the build for
# every stage target, and by tests/include_check_test.sh):
#   cmake -DARGS_FILE=<file setting the variables below> -P cmake/check_includes.cmake, or
#   cmake -DSTAGE=<name> -DALLOWED=<stage;...> -DHEADER_MAP=<header=stage;...> -DSTAGE_DIRS=<dir;...>
#         -DFILES=<file;...> [-DPRIVATE_LIBS=<prefix=stage1|stage2;...>] [-DSTAMP=<file>]
#         -P cmake/check_includes.cmake
# STAGE:        the stage whose files are checked.
# ALLOWED:      the stages it may include from: itself and everything it depends on.
# HEADER_MAP:   which stage owns each public header (include/jetsam/<header>).
# STAGE_DIRS:   the folders under host/ that are stages ("eval/x.h" belongs to stage eval).
# PRIVATE_LIBS: third-party headers only some stages may see ("mruby=vm|eval|script", "CLI=cli").
cmake_minimum_required(VERSION 3.20)

# The build passes the lists in a file (a command line would split them at ';').
if(DEFINED ARGS_FILE)
  include(${ARGS_FILE})
endif()

foreach(var STAGE ALLOWED HEADER_MAP STAGE_DIRS FILES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_includes.cmake: -D${var}=... is required")
  endif()
endforeach()

foreach(pair ${HEADER_MAP})
  string(REPLACE "=" ";" kv "${pair}")
  list(GET kv 0 header)
  list(GET kv 1 stage)
  set("owner_${header}" "${stage}")
endforeach()
foreach(pair ${PRIVATE_LIBS})
  string(REPLACE "=" ";" kv "${pair}")
  list(GET kv 0 prefix)
  list(GET kv 1 stages)
  string(REPLACE "|" ";" stages "${stages}")
  set("libusers_${prefix}" "${stages}")
  string(REPLACE ";" ", " "libnames_${prefix}" "${stages}")
  list(APPEND lib_prefixes "${prefix}")
endforeach()

set(problems "")
foreach(file ${FILES})
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  file(STRINGS "${file}" all_lines)
  foreach(line ${lines})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" path "${line}")
    # The line number, for the message: the first line that holds exactly this include.
    list(FIND all_lines "${line}" index)
    math(EXPR lineno "${index} + 1")
    foreach(prefix ${lib_prefixes})
      if(path MATCHES "^${prefix}[/.]" AND NOT STAGE IN_LIST "libusers_${prefix}")
        string(APPEND problems "${file}:${lineno}: stage ${STAGE} includes <${path}>: only ${libnames_${prefix}} may use ${prefix}\n")
      endif()
    endforeach()
    set(owner "")
    if(path MATCHES "^jetsam/(.+)$")
      set(header "${CMAKE_MATCH_1}")
      if(NOT DEFINED "owner_${header}")
        string(APPEND problems "${file}:${lineno}: includes ${path}, which no stage declares (add it to a stage's HEADERS in CMakeLists.txt)\n")
        continue()
      endif()
      set(owner "${owner_${header}}")
    elseif(path MATCHES "^([a-z_]+)/" AND CMAKE_MATCH_1 IN_LIST STAGE_DIRS)
      set(owner "${CMAKE_MATCH_1}")
    endif()
    if(owner AND NOT owner IN_LIST ALLOWED)
      string(APPEND problems "${file}:${lineno}: stage ${STAGE} includes ${path} of stage ${owner}; ${STAGE} may include only from: ${ALLOWED} (the data flows one way: see the README's Development section)\n")
    endif()
  endforeach()
endforeach()

if(problems)
  # NOTICE prints the lines as they are (FATAL_ERROR would re-wrap them); then stop the build.
  message(NOTICE "${problems}")
  message(FATAL_ERROR "the includes above point the wrong way through jetsam's stages")
endif()
if(DEFINED STAMP)
  file(WRITE "${STAMP}" "")
endif()
