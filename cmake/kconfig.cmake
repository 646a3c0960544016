# SPDX-License-Identifier: LGPL-2.1-or-later
# The kernel configuration ukmem provides (include/kapi/generated/autoconf.h), in the
# syntax of Linux's .config: UKMEM_DOT_CONFIG holds the text. Used for the Kbuild
# directory's include/config/auto.conf and for /proc/config.gz (kernel/configs.c).
file(STRINGS ${CMAKE_SOURCE_DIR}/include/kapi/generated/autoconf.h ukmem_config_defines
     REGEX "^#define CONFIG_")
set(UKMEM_DOT_CONFIG "")
foreach(line ${ukmem_config_defines})
  string(REGEX REPLACE "^#define (CONFIG_[A-Za-z0-9_]+) (.*)$" "\\1;\\2" pair "${line}")
  list(GET pair 0 name)
  list(GET pair 1 value)
  if(value STREQUAL "1" AND NOT name MATCHES "^CONFIG_(HZ|NR_CPUS|NODES_SHIFT|PGTABLE_LEVELS|ARCH_FORCE_MAX_ORDER|CONSOLE_LOGLEVEL_DEFAULT|MESSAGE_LOGLEVEL_DEFAULT)$")
    set(value y)
  endif()
  string(APPEND UKMEM_DOT_CONFIG "${name}=${value}\n")
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_SOURCE_DIR}/include/kapi/generated/autoconf.h)
