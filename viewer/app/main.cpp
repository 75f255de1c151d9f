#include "app/cli.h"

#include <iostream>

int main(int argc, char** argv) {
  return sura::runCli(argc, argv, std::cout, std::cerr);
}
