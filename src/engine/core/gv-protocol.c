/* gv-protocol.c: the registry of protocols, and looking up their declarations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-protocol"

#include "config.h"

#include <stdarg.h>

#include "gv-protocol.h"
#include "gv-registry.h"

static gsize registered;

static GPtrArray *
get_protocols (void)
{
  if (g_once_init_enter (&registered))
    {
      GPtrArray *all = g_ptr_array_new ();

      for (guint i = 0; gv_builtin_protocols[i] != NULL; i++)
        g_ptr_array_add (all, (gpointer) gv_builtin_protocols[i]);
      g_once_init_leave (&registered, (gsize) all);
    }

  return (GPtrArray *) registered;
}

static void
node_row_clear (gpointer data)
{
  GvNodeRow *row = data;

  g_free (row->label);
  g_free (row->value);
}

guint
gv_protocol_get_n (void)
{
  return get_protocols ()->len;
}

const GvProtocol *
gv_protocol_get_nth (guint index)
{
  GPtrArray *all = get_protocols ();

  g_return_val_if_fail (index < all->len, NULL);
  return g_ptr_array_index (all, index);
}

const GvProtocol *
gv_protocol_find (const char *id)
{
  GPtrArray *all = get_protocols ();

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      const GvProtocol *p = g_ptr_array_index (all, i);

      if (g_str_equal (p->id, id))
        return p;
    }

  return NULL;
}

const GvProtocol *
gv_protocol_get_default (void)
{
  return gv_protocol_get_nth (0);
}

void
gv_protocol_register (const GvProtocol *protocol)
{
  g_return_if_fail (protocol != NULL);
  g_return_if_fail (protocol->id != NULL && protocol->ops != NULL);
  g_return_if_fail (gv_protocol_find (protocol->id) == NULL);
  g_return_if_fail (protocol->n_params <= GV_MAX_PROTOCOL_PARAMS);
  g_return_if_fail (protocol->n_metrics <= GV_MAX_PROTOCOL_METRICS);
  g_return_if_fail (protocol->n_figures <= GV_MAX_FIGURES);
  g_return_if_fail (protocol->node_sums <= GV_TALLY_SUMS);
  g_return_if_fail (protocol->injection != NULL && protocol->classes != NULL);

  g_ptr_array_add (get_protocols (), (gpointer) protocol);
}

const GvParamSpec *
gv_protocol_find_param (const GvProtocol *protocol,
                        const char       *name,
                        guint            *index)
{
  g_return_val_if_fail (protocol != NULL, NULL);

  for (guint i = 0; i < protocol->n_params; i++)
    if (g_strcmp0 (protocol->params[i].name, name) == 0)
      {
        if (index != NULL)
          *index = i;
        return &protocol->params[i];
      }

  return NULL;
}

char *
gv_protocol_number_label (const char *format,
                          guint       number)
{
  g_autofree char *digits = g_strdup_printf ("%u", number);
  GString *text = g_string_new (format);

  if (g_string_replace (text, "%u", digits, 1) == 0)
    g_string_append_printf (text, " %s", digits);
  return g_string_free (text, FALSE);
}

const GvMetricSpec *
gv_protocol_find_metric (const GvProtocol *protocol,
                         const char       *id,
                         guint            *index)
{
  g_return_val_if_fail (protocol != NULL, NULL);

  for (guint i = 0; i < protocol->n_metrics; i++)
    if (g_strcmp0 (protocol->metrics[i].id, id) == 0)
      {
        if (index != NULL)
          *index = i;
        return &protocol->metrics[i];
      }

  return NULL;
}

const GvChartSpec *
gv_protocol_find_chart (const GvProtocol *protocol,
                        const char       *id)
{
  g_return_val_if_fail (protocol != NULL, NULL);

  for (guint i = 0; i < protocol->n_charts; i++)
    if (g_strcmp0 (protocol->charts[i].id, id) == 0)
      return &protocol->charts[i];

  return NULL;
}

guint
gv_protocol_find_figure (const GvProtocol *protocol,
                         const char       *id)
{
  g_return_val_if_fail (protocol != NULL, G_MAXUINT);

  for (guint i = 0; i < protocol->n_figures; i++)
    if (g_strcmp0 (protocol->figures[i].id, id) == 0)
      return i;

  return G_MAXUINT;
}

GvTheoryCurve *
gv_theory_curve_new (const char    *label,
                     const char    *source,
                     const char    *chart,
                     GvTheoryStyle  style,
                     guint          n)
{
  GvTheoryCurve *curve = g_new0 (GvTheoryCurve, 1);

  curve->label = g_strdup (label);
  curve->source = g_strdup (source);
  curve->chart = chart;
  curve->style = style;
  curve->n = n;
  curve->x = g_new0 (double, MAX (n, 1));
  curve->y = g_new0 (double, MAX (n, 1));

  return curve;
}

void
gv_theory_curve_free (GvTheoryCurve *curve)
{
  if (curve == NULL)
    return;

  g_free (curve->label);
  g_free (curve->source);
  g_free (curve->x);
  g_free (curve->y);
  g_free (curve);
}

GArray *
gv_node_rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (GvNodeRow));

  g_array_set_clear_func (rows, node_row_clear);
  return rows;
}

void
gv_node_rows_add (GArray     *rows,
                  const char *label,
                  const char *format,
                  ...)
{
  GvNodeRow row;
  va_list args;

  g_return_if_fail (rows != NULL);

  va_start (args, format);
  row.label = g_strdup (label);
  row.value = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (rows, row);
}
