// doctest's main, compiled once and linked into every test program that has no main of its own
// (doctest's implementation is the slowest file of a test build to compile).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
