/* main.c: grapevine-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grapevine-cli"

#include "config.h"

#include "gv-cli.h"

/* Everything lives in the static library, so that test-cli can reach the parsers. */
int
main (int    argc,
      char **argv)
{
  return gv_cli_run (argc, argv);
}
