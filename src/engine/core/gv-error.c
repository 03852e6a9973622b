/* gv-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-error"

#include "config.h"

#include "gv-error.h"

G_DEFINE_QUARK (gv-error-quark, gv_error)

/**
 * gv_error_sentence:
 * @message: an error message, such as a #GError's
 *
 * The engine words its messages as clauses ("a fanout of 5 is larger than …"), which
 * grapevine-cli prints after "grapevine-cli: --fanout: ".  On their own, in a dialog or a
 * sidebar, they start a sentence: this gives @message with its first letter in title case,
 * unless it starts with the place in a file that it is about.
 *
 * Returns: (transfer full): the sentence
 */
char *
gv_error_sentence (const char *message)
{
  char first[8] = { 0 };

  g_return_val_if_fail (message != NULL, NULL);

  const char *p = message;

  if (*message == '\0' || !g_utf8_validate (message, -1, NULL))
    return g_strdup (message);

  /* A message that starts at a place in a file ("rounds[17].informed: …",
   * "format_version: …") keeps the place as the file spells it. */
  while (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_')
    p++;
  if (p > message && (*p == ':' || *p == '[' || *p == '.'))
    return g_strdup (message);

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (message)), first);
  return g_strconcat (first, g_utf8_next_char (message), NULL);
}
