/* gv-summary-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-summary-text"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gv-summary-text.h"

char *
gv_summary_describe_figure (const GvProtocol *protocol,
                            const GvSummary  *summary,
                            guint             index)
{
  const GvFigureSpec *spec;
  g_autofree char *label = NULL;
  g_autofree char *number = NULL;
  double value;

  g_return_val_if_fail (protocol != NULL && summary != NULL, NULL);
  g_return_val_if_fail (index < protocol->n_figures && index < summary->n_figures, NULL);

  spec = &protocol->figures[index];
  value = summary->figures[index];
  label = g_utf8_strdown (_(spec->label), -1);
  switch (spec->kind)
    {
    case GV_FIGURE_COUNT:
      number = g_strdup_printf ("%.0f", value);
      break;
    case GV_FIGURE_FRACTION:
      number = g_strdup_printf ("%.1f%%", 100.0 * value);
      break;
    case GV_FIGURE_ROUNDS:
      /* Translators: a duration in rounds, with one decimal */
      number = g_strdup_printf (_("%.1f rounds"), value);
      break;
    case GV_FIGURE_RATIO:
    default:
      number = g_strdup_printf ("%.2f", value);
      break;
    }
  /* Translators: a summary figure and its value, e.g. "residue 1.2%" */
  return g_strdup_printf (_("%s %s"), label, number);
}

char *
gv_summary_headline (const GvProtocol *protocol,
                     const GvSummary  *summary)
{
  guint n;

  g_return_val_if_fail (protocol != NULL && summary != NULL, NULL);

  n = MIN (protocol->n_figures, summary->n_figures);
  for (guint i = 0; i < n; i++)
    if (protocol->figures[i].kind == GV_FIGURE_FRACTION && isfinite (summary->figures[i]))
      return gv_summary_describe_figure (protocol, summary, i);
  if (n > 0 && isfinite (summary->figures[0]))
    return gv_summary_describe_figure (protocol, summary, 0);
  return NULL;
}
