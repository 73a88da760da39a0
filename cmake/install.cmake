# Installing jetsam like a tool: its man page and its bash and zsh completions, generated at
# build time from the commands' own --help (packaging/gen-docs.sh) so they never drift from the
# code; and their tests.
#
#   cmake --install build                  bin/jetsam, share/man/man1/jetsam.1,
#                                          share/bash-completion/completions/jetsam,
#                                          share/zsh/vendor-completions/_jetsam
#
# Build needs: bash and awk (the generator). The tests need zsh, man-db (man, lexgrog, groff) and
# shellcheck.
if(NOT TARGET jetsam)
  message(FATAL_ERROR "cmake/install.cmake must be included after the jetsam executable is defined")
endif()
include(GNUInstallDirs)

# --- the man page and the completions, from `jetsam --help` ---------------------------------------
set(JETSAM_DOCS_DIR ${CMAKE_BINARY_DIR}/docs)
set(_gen ${CMAKE_SOURCE_DIR}/packaging/gen-docs.sh)
set(_docs ${JETSAM_DOCS_DIR}/jetsam.1 ${JETSAM_DOCS_DIR}/jetsam.bash ${JETSAM_DOCS_DIR}/_jetsam)
# DEPENDS jetsam: generated again whenever the binary is relinked.
add_custom_command(
  OUTPUT ${_docs}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${JETSAM_DOCS_DIR}
  COMMAND bash ${_gen} $<TARGET_FILE:jetsam> man ${JETSAM_DOCS_DIR}/jetsam.1
  COMMAND bash ${_gen} $<TARGET_FILE:jetsam> bash ${JETSAM_DOCS_DIR}/jetsam.bash
  COMMAND bash ${_gen} $<TARGET_FILE:jetsam> zsh ${JETSAM_DOCS_DIR}/_jetsam
  DEPENDS jetsam ${_gen}
  COMMENT "Generating jetsam.1 and the bash and zsh completions from jetsam --help"
  VERBATIM)
add_custom_target(jetsam_docs ALL DEPENDS ${_docs})

install(FILES ${JETSAM_DOCS_DIR}/jetsam.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${JETSAM_DOCS_DIR}/jetsam.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME jetsam)
install(FILES ${JETSAM_DOCS_DIR}/_jetsam DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# --- tests ----------------------------------------------------------------------------------------
if(JETSAM_BUILD_TESTS)
  add_test(NAME packaging.docs
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/packaging/docs_test.sh $<TARGET_FILE:jetsam> ${JETSAM_DOCS_DIR})
  file(GLOB _scripts CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/packaging/*.sh ${CMAKE_SOURCE_DIR}/tests/packaging/*.sh)
  add_test(NAME packaging.shellcheck COMMAND shellcheck ${_scripts})
  set_tests_properties(packaging.docs packaging.shellcheck PROPERTIES LABELS packaging)
endif()
