# install.cmake — `cmake --install build --prefix P` and `cd build && cpack -G DEB`.
#
# Tempo goes to P/lib/tempo, a directory of its own, never P/lib: its
# libgomp.so.1 / libomp.so.5 there would otherwise shadow the system runtimes
# for every program on the machine.  A program gets Tempo only when it asks:
# built with tempo.pc or Tempo::OpenMP_C (-L and an rpath to P/lib/tempo),
# or run by tempo-run (LD_PRELOAD).  No omp.h is installed: gcc's and clang's
# own headers are the ones Tempo's two ABIs follow.
set(TEMPO_LIBDIR lib/tempo)
# Installing (and cpack, and so the install tests) takes what is built and
# never starts a build of everything (PolyBench, benchmarks) itself.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS tempo LIBRARY DESTINATION ${TEMPO_LIBDIR})
# The names the loader (NEEDED libgomp.so.1, libomp.so.5) and the drivers
# (gcc: -lgomp, clang: -lomp) look for; the POST_BUILD step made them as
# symlinks, and file(INSTALL) keeps symlinks as symlinks.
install(FILES ${CMAKE_BINARY_DIR}/libgomp.so.1 ${CMAKE_BINARY_DIR}/libgomp.so
              ${CMAKE_BINARY_DIR}/libomp.so.5 ${CMAKE_BINARY_DIR}/libomp.so
        DESTINATION ${TEMPO_LIBDIR})

# tempo-info: what tempo-run --info runs (scripts/tempo-info.c), next to
# libtempo.so in the build directory and in lib/tempo, which its rpath names.
add_executable(tempo-info ${CMAKE_SOURCE_DIR}/scripts/tempo-info.c)
target_link_libraries(tempo-info PRIVATE tempo)
set_target_properties(tempo-info PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
  BUILD_RPATH "$ORIGIN" INSTALL_RPATH "$ORIGIN")
install(TARGETS tempo-info RUNTIME DESTINATION ${TEMPO_LIBDIR})

# tempo-run: also copied next to libtempo.so in the build directory, where it
# finds the library the same way it does when installed (relative to itself).
configure_file(${CMAKE_SOURCE_DIR}/scripts/tempo-run ${CMAKE_BINARY_DIR}/tempo-run COPYONLY)
install(PROGRAMS ${CMAKE_SOURCE_DIR}/scripts/tempo-run DESTINATION bin)

# pkg-config and CMake package: both compute the prefix from where they lie,
# so an install moved elsewhere, or a .deb unpacked into a scratch root, still
# points at its own libraries.
configure_file(${CMAKE_SOURCE_DIR}/cmake/tempo.pc.in ${CMAKE_BINARY_DIR}/tempo.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/tempo.pc DESTINATION lib/pkgconfig)
include(CMakePackageConfigHelpers)
configure_file(${CMAKE_SOURCE_DIR}/cmake/TempoConfig.cmake.in
               ${CMAKE_BINARY_DIR}/TempoConfig.cmake @ONLY)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/TempoConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/TempoConfig.cmake ${CMAKE_BINARY_DIR}/TempoConfigVersion.cmake
        DESTINATION lib/cmake/Tempo)

# ompcompare (scripts/compare/): the tool in share/tempo, where it finds
# ../../lib/tempo/libtempo.so relative to itself, and bin/ompcompare a
# symlink to it (the tool resolves the link before looking).
# trace-png beside it draws `ompcompare --trace`'s timelines.
install(PROGRAMS ${CMAKE_SOURCE_DIR}/scripts/ompcompare ${CMAKE_SOURCE_DIR}/scripts/trace-png
        DESTINATION share/tempo)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scripts/compare DESTINATION share/tempo
        FILES_MATCHING PATTERN "*.py" PATTERN "README.md"
        PATTERN tests EXCLUDE PATTERN __pycache__ EXCLUDE)
file(CREATE_LINK ../share/tempo/ompcompare ${CMAKE_BINARY_DIR}/bin-ompcompare SYMBOLIC)
install(FILES ${CMAKE_BINARY_DIR}/bin-ompcompare DESTINATION bin RENAME ompcompare)

# Documentation, with the two files Debian wants of every package: the
# copyright file and changelog.Debian.gz (compressed with gzip -9n, no time
# stamp, as dpkg tools do; the man page likewise).
set(TEMPO_DEB_RELEASE 1)
set(TEMPO_DEB_VERSION ${PROJECT_VERSION}-${TEMPO_DEB_RELEASE})
set(TEMPO_DEB_MAINTAINER "Tempo maintainers <tempo@example.org>" CACHE STRING
    "Maintainer field of the .deb and its changelog")
configure_file(${CMAKE_SOURCE_DIR}/cmake/debian/changelog.in
               ${CMAKE_BINARY_DIR}/changelog.Debian @ONLY)
find_program(TEMPO_GZIP gzip REQUIRED)
execute_process(COMMAND ${TEMPO_GZIP} -9nf ${CMAKE_BINARY_DIR}/changelog.Debian)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/tempo.7.gz
  COMMAND ${TEMPO_GZIP} -9n -c ${CMAKE_BINARY_DIR}/tempo.7 > ${CMAKE_BINARY_DIR}/tempo.7.gz
  DEPENDS ${CMAKE_BINARY_DIR}/tempo.7 COMMENT "Compressing tempo(7)")
add_custom_target(manpage-gz ALL DEPENDS ${CMAKE_BINARY_DIR}/tempo.7.gz)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/variables.md
              ${CMAKE_SOURCE_DIR}/cmake/debian/copyright ${CMAKE_BINARY_DIR}/changelog.Debian.gz
        DESTINATION share/doc/tempo)
install(FILES ${CMAKE_BINARY_DIR}/tempo.7.gz DESTINATION share/man/man7)
# A manual page for each program in bin, made from its own --help.
set(_pages)
foreach(prog ompcompare tempo-run)
  if(prog STREQUAL ompcompare)
    set(_cmd ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/ompcompare)
    set(_what "run OpenMP programs under Tempo, libgomp and libomp side by side")
    file(GLOB _deps ${CMAKE_SOURCE_DIR}/scripts/compare/*.py)
  else()
    set(_cmd bash ${CMAKE_SOURCE_DIR}/scripts/tempo-run)
    set(_what "run an OpenMP program on the Tempo runtime")
    set(_deps ${CMAKE_SOURCE_DIR}/scripts/tempo-run)
  endif()
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/${prog}.1.gz
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/cmake/debian/help2man
            ${CMAKE_BINARY_DIR}/${prog}.1 ${prog} 1 ${_what} ${PROJECT_VERSION} -- ${_cmd}
    COMMAND ${TEMPO_GZIP} -9nf ${CMAKE_BINARY_DIR}/${prog}.1
    DEPENDS ${_deps} ${CMAKE_SOURCE_DIR}/cmake/debian/help2man
    COMMENT "Generating ${prog}(1)" VERBATIM)
  list(APPEND _pages ${CMAKE_BINARY_DIR}/${prog}.1.gz)
endforeach()
add_custom_target(manpages-bin ALL DEPENDS ${_pages})
install(FILES ${_pages} DESTINATION share/man/man1)

# The .deb (cpack -G DEB in the build directory): the same tree under /usr.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tempo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Drop-in OpenMP runtime for gcc (libgomp ABI) and clang (libomp ABI) programs")
set(CPACK_PACKAGE_CONTACT "${TEMPO_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TEMPO_DEB_MAINTAINER}")
# The extended description (cpack puts the summary above it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Tempo replaces GCC's libgomp for gcc -fopenmp programs and LLVM's libomp for
clang -fopenmp programs, preloaded (tempo-run) or linked (pkg-config tempo,
CMake find_package(Tempo)). It installs into /usr/lib/tempo, a directory of
its own, so programs that did not ask for it keep the system runtimes.
ompcompare runs OpenMP programs under Tempo, libgomp and libomp side by side.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${TEMPO_DEB_RELEASE})
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
# Library dependencies come from dpkg-shlibdeps (libc: pthread and dladdr
# are in libc since glibc 2.34); ompcompare needs python3, its chart
# matplotlib.  Binaries are stripped in the package only.  (cpack adds
# postinst/postrm calling ldconfig for any library under /usr/lib; lintian
# warns about that, harmlessly: /usr/lib/tempo is in no loader path.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR})
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pkg-config, gcc | clang, python3-matplotlib")
set(CPACK_STRIP_FILES ON)
include(CPack)

# Tests (scripts/test's "install" group): install into a temporary prefix and
# from the .deb, then build and run a program each way a user would.
if(NOT TEMPO_SANITIZE)
  foreach(mode prefix tempo-run deb)
    add_test(NAME install.${mode}
      COMMAND bash ${CMAKE_SOURCE_DIR}/tests/install/check-install ${mode}
              ${CMAKE_BINARY_DIR} ${CMAKE_COMMAND} ${CMAKE_CPACK_COMMAND} ${PROJECT_VERSION})
    set_tests_properties(install.${mode} PROPERTIES TIMEOUT 300
      ENVIRONMENT_MODIFICATION "OMP_DISPLAY_ENV=unset:;OMP_NUM_THREADS=unset:;LD_PRELOAD=unset:")
  endforeach()
endif()
