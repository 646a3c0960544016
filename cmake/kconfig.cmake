# SPDX-License-Identifier: LGPL-2.1-or-later
# The kernel configuration ukmem provides (include/kapi/generated/autoconf.h), in the
# syntax of Linux's .config: UKMEM_DOT_CONFIG holds the text. Used for the Kbuild
# directory's include/config/auto.conf and for /proc/config.gz (kernel/configs.c).
#
# The AddressSanitizer build (UKMEM_SANITIZE=ON with GCC) adds generic KASAN for modules
# (UKMEM_KASAN_CONFIG): Kbuild compiles them with Linux's KASAN flags, and the shadow
# the compiler checks is AddressSanitizer's, which the library keeps up to date. The
# Kbuild directory's include/generated/autoconf.h adds these options to the header's.
file(STRINGS ${CMAKE_SOURCE_DIR}/include/kapi/generated/autoconf.h ukmem_config_defines
     REGEX "^#define CONFIG_")
set(UKMEM_KASAN OFF)
set(UKMEM_KASAN_CONFIG "")
if(UKMEM_SANITIZE AND NOT UKMEM_SANITIZE STREQUAL "thread" AND CMAKE_C_COMPILER_ID STREQUAL "GNU")
  set(UKMEM_KASAN ON)
  # The shadow offset is AddressSanitizer's on x86-64 (its shadow of user space).
  set(UKMEM_KASAN_CONFIG
      "#define CONFIG_CONSTRUCTORS 1"
      "#define CONFIG_KASAN 1"
      "#define CONFIG_KASAN_GENERIC 1"
      "#define CONFIG_KASAN_OUTLINE 1"
      "#define CONFIG_KASAN_STACK 1"
      "#define CONFIG_KASAN_VMALLOC 1"
      "#define CONFIG_KASAN_SHADOW_OFFSET 0x7fff8000"
      "#define CONFIG_KASAN_KUNIT_TEST_MODULE 1")
  list(APPEND ukmem_config_defines ${UKMEM_KASAN_CONFIG})
endif()
set(UKMEM_DOT_CONFIG "")
foreach(line ${ukmem_config_defines})
  string(REGEX REPLACE "^#define (CONFIG_[A-Za-z0-9_]+) (.*)$" "\\1;\\2" pair "${line}")
  list(GET pair 0 name)
  list(GET pair 1 value)
  if(value STREQUAL "1" AND NOT name MATCHES "^CONFIG_(HZ|NR_CPUS|NODES_SHIFT|PGTABLE_LEVELS|ARCH_FORCE_MAX_ORDER|CONSOLE_LOGLEVEL_DEFAULT|MESSAGE_LOGLEVEL_DEFAULT)$")
    set(value y)
  endif()
  # Kconfig's module options: CONFIG_X_MODULE 1 in the header is CONFIG_X=m.
  if(name MATCHES "^(CONFIG_.*)_MODULE$")
    set(name ${CMAKE_MATCH_1})
    set(value m)
  endif()
  string(APPEND UKMEM_DOT_CONFIG "${name}=${value}\n")
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_SOURCE_DIR}/include/kapi/generated/autoconf.h)
