# Installing jetsam like a tool: its man page and its bash and zsh completions, generated at
# build time from the commands' own --help (packaging/gen-docs.sh) so they never drift from the
# code; the Debian package (`cpack -G DEB` in the build directory); and their tests.
#
#   cmake --install build                  bin/jetsam, share/man/man1/jetsam.1,
#                                          share/bash-completion/completions/jetsam,
#                                          share/zsh/vendor-completions/_jetsam
#   (cd build && cpack -G DEB)             jetsam_<version>_<arch>.deb, installed under /usr
#
# Build needs: bash and awk (the generator). cpack -G DEB needs dpkg-dev (dpkg-shlibdeps) and
# file. The tests need zsh, man-db (man, lexgrog, groff), shellcheck and pre-commit; the one that
# installs the package for real, tests/packaging/install_deb.sh, is run by hand or by CI as root.
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

# --- the Debian package ---------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jetsam)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "jetsam maintainers <maintainers@users.noreply.h-seed-c8f09b6f.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "IAM policies of Jets projects, compiled offline")
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "jetsam reads a Jets project's config/jets/*.rb in a sandboxed, embedded mruby"
  "and compiles the IAM roles that Jets would deploy, each permission with the"
  "file:line it comes from. It explains, diffs and lints them (SARIF for code"
  "scanning) and answers whether a role may do an action. It needs no Ruby, no"
  "AWS credentials and no deploy.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # the binary carries debug info (RelWithDebInfo): 99 MB unstripped
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # jetsam_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: what dpkg-shlibdeps finds the binary needs
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)

# --- tests ----------------------------------------------------------------------------------------
if(JETSAM_BUILD_TESTS)
  add_test(NAME packaging.docs
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/packaging/docs_test.sh $<TARGET_FILE:jetsam> ${JETSAM_DOCS_DIR})
  add_test(NAME packaging.deb
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/packaging/deb_test.sh ${CMAKE_BINARY_DIR} $<TARGET_FILE:jetsam>)
  add_test(NAME packaging.pre_commit
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/packaging/pre_commit_test.sh $<TARGET_FILE:jetsam>)
  file(GLOB _scripts CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/packaging/*.sh ${CMAKE_SOURCE_DIR}/tests/packaging/*.sh)
  add_test(NAME packaging.shellcheck COMMAND shellcheck -x ${_scripts} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(packaging.docs packaging.deb packaging.pre_commit packaging.shellcheck
                       PROPERTIES LABELS packaging)
  # cpack builds the `preinstall` target (all) first: alone, so that it never relinks build/jetsam
  # while another test runs it.
  set_tests_properties(packaging.deb PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
endif()
