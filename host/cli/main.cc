// jetsam: see and govern the IAM permissions of a Jets project, offline.
#include "cli/run.h"

int main(int argc, char** argv) { return jetsam::cli::Run(argc, argv); }
