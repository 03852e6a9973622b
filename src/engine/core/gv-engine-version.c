/* gv-engine-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-engine-version"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-engine.h"
#include "gv-engine-version.h"

/* Oldest first; the last is GV_ENGINE_VERSION.  The first has no change: it is where
 * run files began. */
static const GvEngineChange history[] = {
  { "0.1.0", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (history) >= 1);

const GvEngineChange *
gv_engine_version_history (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (history);
  return history;
}

static gint
find (const char *version)
{
  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    if (g_strcmp0 (history[i].version, version) == 0)
      return (gint) i;
  return -1;
}

gboolean
gv_engine_version_known (const char *version)
{
  return find (version) >= 0;
}

char *
gv_engine_version_changes (const char *version)
{
  gint at = find (version);
  GString *s;

  if (at < 0 || (guint) at + 1 == G_N_ELEMENTS (history))
    return NULL;

  s = g_string_new (NULL);
  for (guint i = (guint) at + 1; i < G_N_ELEMENTS (history); i++)
    {
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, _(history[i].change));
    }
  return g_string_free (s, FALSE);
}
