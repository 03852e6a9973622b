/* gv-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-format.h"

char *
gv_format_count (guint64 n)
{
  /* The ' flag (POSIX, glibc) groups digits as LC_NUMERIC says; the separator comes in
   * that locale's charset, so a locale that is not UTF-8 gets the digits alone. */
  g_autofree char *grouped = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);

  if (g_utf8_validate (grouped, -1, NULL))
    return g_steal_pointer (&grouped);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

/* "Feedback counter K = 2" as "feedback counter K = 2": the label in lower case, its
 * arguments' names as they are. */
static char *
lower_first (const char *text)
{
  char first[8];
  gint length;

  if (*text == '\0')
    return g_strdup ("");
  length = g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (text)), first);
  first[length] = '\0';
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* GLib 2.74 has no g_strv_builder_take (). */
static void
add_phrase (GStrvBuilder *phrases,
            char         *phrase)
{
  g_strv_builder_add (phrases, phrase);
  g_free (phrase);
}

char **
gv_format_changed_params (const GvParams *params)
{
  g_autoptr(GStrvBuilder) phrases = g_strv_builder_new ();
  g_autoptr(GvParams) defaults = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *crash = NULL;
  g_autofree char *recover = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  defaults = gv_params_new_for (params->protocol);
  for (guint i = 0; i < params->protocol->n_params; i++)
    {
      const GvParamSpec *spec = &params->protocol->params[i];
      GvParamValue def;
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      g_autofree char *lower = NULL;

      /* A value that says itself goes with the protocol's name, whatever it is; the
       * sidebar's rows show it, and only the CLI can set a hidden one. */
      if ((spec->flags & GV_PARAM_FLAG_BARE) != 0 && (spec->flags & GV_PARAM_FLAG_HIDDEN) == 0)
        continue;
      gv_param_default (spec, &def);
      if (gv_param_value_equal (spec, gv_params_get_value (params, i), &def))
        continue;
      label = g_utf8_strdown (_(spec->label), -1);
      value = gv_param_describe (spec, gv_params_get_value (params, i));
      lower = lower_first (value);
      /* Translators: a protocol's setting that differs from its default, in the window's
       * subtitle, e.g. "stop rule: feedback counter K = 2" */
      add_phrase (phrases, g_strdup_printf (_("%s: %s"), label, lower));
    }

  /* The phrases that label runs in Compare Runs (gv-run-labels.c), in percent as the
   * sidebar shows the faults. */
  loss = g_strdup_printf ("%g%%", 100.0 * params->loss);
  crash = g_strdup_printf ("%g%%", 100.0 * params->crash);
  recover = g_strdup_printf ("%g%%", 100.0 * params->recover);
  if (params->loss != defaults->loss)
    add_phrase (phrases, g_strdup_printf (_("loss %s"), loss));
  if (params->crash != defaults->crash)
    add_phrase (phrases, g_strdup_printf (_("crash %s"), crash));
  if (params->recover != defaults->recover)
    add_phrase (phrases, g_strdup_printf (_("recover %s"), recover));
  if (params->recover_loses_state != defaults->recover_loses_state)
    g_strv_builder_add (phrases, params->recover_loses_state ? _("state lost") : _("state kept"));
  if (params->max_rounds != defaults->max_rounds)
    add_phrase (phrases, g_strdup_printf (_("max %u rounds"), params->max_rounds));

  return g_strv_builder_end (phrases);
}
