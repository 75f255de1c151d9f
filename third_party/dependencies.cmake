# CMake glue for the Debian 12 packages Sura links, included from the top level so the
# imported targets are visible everywhere. No third-party source lives here.

# Debian's VTK exports VTK::mpi, which refers to MPI::MPI_C: find MPI first.
find_package(MPI COMPONENTS C QUIET)
find_package(VTK 9.1 REQUIRED COMPONENTS
  CommonCore CommonDataModel CommonExecutionModel
  FiltersCore FiltersGeneral FiltersModeling FiltersSources
  ImagingCore ImagingGeneral IOXML IOGeometry IOPLY IOImage IOExport IOImport
  RenderingCore RenderingOpenGL2 RenderingFreeType InteractionStyle RenderingAnnotation)
set(SURA_VTK_LIBRARIES ${VTK_LIBRARIES})

find_package(glm REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(doctest REQUIRED)
find_package(glfw3 3.3 REQUIRED)
find_package(OpenGL REQUIRED)

# Dear ImGui: Debian ships a static libimgui.a that already holds the GLFW and
# OpenGL3 backends, described by pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET GLOBAL imgui)
add_library(sura_imgui INTERFACE)
target_link_libraries(sura_imgui INTERFACE PkgConfig::IMGUI glfw OpenGL::GL)
target_include_directories(sura_imgui SYSTEM INTERFACE /usr/include/imgui/backends)
add_library(sura::imgui ALIAS sura_imgui)
