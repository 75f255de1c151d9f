# Installing Sura, and packing it as a Debian package for machines that should not build it:
#   cmake --build build --target package   ->   build/sura_<version>_<arch>.deb
# The package holds the program (its shaders are built into it), the bundled atlas, a desktop
# entry and an icon, and depends on the runtime libraries the program links (found by
# dpkg-shlibdeps), never on -dev packages. The installed program finds its atlas relative to
# itself (<prefix>/bin/sura -> <prefix>/share/sura/meshes; see bundledAtlasDir).

install(TARGETS sura RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/meshes/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sura/meshes)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/sura.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/sura.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/third_party/LICENSES.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sura)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Sura")
set(CPACK_PACKAGE_CONTACT "Sura maintainers <maintainers@users.noreply.r-seed-aeb9e8c5.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive 3D viewer of the lower leg for anatomy teaching")
# The long description; the synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A layered model of the lower leg as in a dissection: skin, the calf muscles, the
anterior, lateral and deep posterior muscles, tendons, bones, nerves and vessels.
Peel the layers, click a structure to learn what and where it is, show the
myofascial trigger points of the leg and where they refer pain, cut the leg in
section, or render any view to a PNG file (sura render).")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Runtime libraries (libvtk9.1, libglfw3, ...) as dpkg-shlibdeps finds them from the program;
# the panel's font; Mesa's drivers for machines without a vendor driver.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xvfb, xauth")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
