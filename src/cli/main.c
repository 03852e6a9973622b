/* main.c: grapevine-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grapevine-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gv-cli.h"

/* Everything lives in the static library, so that test-cli can reach the parsers. */
int
main (int    argc,
      char **argv)
{
  const char *localedir;

  /* Messages and help in the user's language; numbers stay as scripts read them
   * ("0.5", never "0,5"), in the table, the CSV and the JSON alike. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  /* GRAPEVINE_LOCALEDIR: the catalogues of a build tree, for running it uninstalled. */
  localedir = g_getenv ("GRAPEVINE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return gv_cli_run (argc, argv);
}
