/* gv-cli-report.c: the results of simulate, as a table and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are the same for every protocol where they can be (rounds, converged,
 * messages) and the protocol's summary figures in between, in the order and with the
 * headings it declares.  Numbers are written as scripts read them, whatever the locale.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "gv-cli-private.h"

/* A column: the core's rounds, converged and messages, or a protocol's figure. */
typedef enum
{
  COLUMN_ROUNDS,
  COLUMN_CONVERGED,
  COLUMN_FIGURE,
  COLUMN_MESSAGES,
} ColumnKind;

typedef struct
{
  ColumnKind          kind;
  const GvFigureSpec *figure;   /* COLUMN_FIGURE */
  guint               index;    /* in the summary's figures */
  const char         *id;       /* the JSON's member */
  const char         *heading;  /* the table's */
  gboolean            whole;    /* every run's value is a whole number */
} Column;

static GArray *
make_columns (const GvProtocol *protocol)
{
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (Column));
  Column column = { 0 };

  column = (Column) { COLUMN_ROUNDS, NULL, 0, "rounds", "rounds", TRUE };
  g_array_append_val (columns, column);
  column = (Column) { COLUMN_CONVERGED, NULL, 0, "converged", "converged", FALSE };
  g_array_append_val (columns, column);

  for (guint i = 0; i < protocol->n_figures; i++)
    {
      const GvFigureSpec *figure = &protocol->figures[i];

      column = (Column) { COLUMN_FIGURE, figure, i, figure->id,
                          figure->heading != NULL ? figure->heading : figure->id, FALSE };
      g_array_append_val (columns, column);
    }

  column = (Column) { COLUMN_MESSAGES, NULL, 0, "messages", "messages", TRUE };
  g_array_append_val (columns, column);

  return columns;
}

static double
summary_value (const GvSummary *summary,
               const Column    *column)
{
  switch (column->kind)
    {
    case COLUMN_ROUNDS:
      return summary->rounds;
    case COLUMN_CONVERGED:
      return summary->converged ? 1.0 : 0.0;
    case COLUMN_FIGURE:
      return column->index < summary->n_figures ? summary->figures[column->index] : NAN;
    case COLUMN_MESSAGES:
      return (double) summary->messages;
    default:
      g_assert_not_reached ();
    }
}

static void
compute_column_stat (const GvSummary *summaries,
                     guint            n_runs,
                     const Column    *column,
                     GvCliStat       *stat)
{
  g_autofree double *values = g_new (double, MAX (n_runs, 1));

  for (guint i = 0; i < n_runs; i++)
    values[i] = summary_value (&summaries[i], column);

  gv_cli_stat_compute (values, n_runs, stat);
}

static char *
format_decimal (double value,
                int    decimals)
{
  /* A run where nobody was informed has no delay to average. */
  if (!isfinite (value))
    return g_strdup ("-");

  return g_strdup_printf ("%.*f", decimals, value);
}

static char *
format_percent (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.2f%%", 100.0 * value) : g_strdup ("-");
}

static char *
format_run_cell (const GvSummary *summary,
                 const Column    *column)
{
  double value = summary_value (summary, column);

  switch (column->kind)
    {
    case COLUMN_ROUNDS:
      return g_strdup_printf ("%u", summary->rounds);
    case COLUMN_CONVERGED:
      return g_strdup (summary->converged ? "yes" : "no");
    case COLUMN_MESSAGES:
      return g_strdup_printf ("%" PRIu64, summary->messages);
    case COLUMN_FIGURE:
      switch (column->figure->kind)
        {
        case GV_FIGURE_FRACTION:
          return format_percent (value);
        case GV_FIGURE_COUNT:
          return format_decimal (value, 0);
        case GV_FIGURE_ROUNDS:
          /* A duration that is a whole number in every run (the last delay) reads as
           * one; a mean keeps its decimals. */
          return format_decimal (value, column->whole ? 0 : 2);
        case GV_FIGURE_RATIO:
        default:
          return format_decimal (value, 2);
        }
    default:
      g_assert_not_reached ();
    }
}

static char *
format_stat_cell (double        value,
                  const Column *column)
{
  switch (column->kind)
    {
    case COLUMN_CONVERGED:
      return format_percent (value);
    case COLUMN_MESSAGES:
      return format_decimal (value, 1);
    case COLUMN_FIGURE:
      if (column->figure->kind == GV_FIGURE_FRACTION)
        return format_percent (value);
      return format_decimal (value, 2);
    case COLUMN_ROUNDS:
    default:
      return format_decimal (value, 2);
    }
}

static char *
describe_topology (const GvParams *params)
{
  switch (params->topology)
    {
    case GV_TOPOLOGY_COMPLETE:
      return g_strdup ("complete graph");
    case GV_TOPOLOGY_RING:
      return g_strdup_printf ("ring lattice (k=%u)", params->topology_k);
    case GV_TOPOLOGY_REGULAR:
      return g_strdup_printf ("random %u-regular graph", params->topology_k);
    case GV_TOPOLOGY_ER:
      return g_strdup_printf ("Erdős–Rényi graph (p=%g)", params->topology_p);
    case GV_TOPOLOGY_WS:
      return g_strdup_printf ("Watts–Strogatz graph (k=%u, p=%g)",
                              params->topology_k, params->topology_p);
    case GV_TOPOLOGY_BA:
      return g_strdup_printf ("Barabási–Albert graph (m=%u)", params->topology_k);
    case GV_TOPOLOGY_GRID:
      return g_strdup ("grid");
    case GV_N_TOPOLOGIES:
    default:
      return gv_params_topology_to_string (params);
    }
}

/* What the protocol says of its parameters, or its name and each parameter's value. */
static char *
describe_protocol (const GvParams *params)
{
  const GvProtocol *protocol = params->protocol;
  GString *text;

  if (protocol->describe != NULL)
    return protocol->describe (params);

  text = g_string_new (protocol->name);
  for (guint i = 0; i < protocol->n_params; i++)
    {
      g_autofree char *value = gv_param_to_string (&protocol->params[i],
                                                   gv_params_get_value (params, i));

      g_string_append_printf (text, ", %s %s", protocol->params[i].name, value);
    }

  return g_string_free (text, FALSE);
}

void
gv_cli_stat_compute (const double *values,
                     guint         n_values,
                     GvCliStat    *stat)
{
  double sum = 0.0;
  double squares = 0.0;

  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (stat != NULL);

  if (n_values == 0)
    {
      *stat = (GvCliStat) { NAN, NAN, NAN, NAN };
      return;
    }

  stat->min = values[0];
  stat->max = values[0];

  for (guint i = 0; i < n_values; i++)
    {
      sum += values[i];
      stat->min = MIN (stat->min, values[i]);
      stat->max = MAX (stat->max, values[i]);
    }

  stat->mean = sum / n_values;

  /* Two passes rather than a running sum of squares, which cancels badly when the
   * spread is small next to the mean (message counts in the millions). */
  for (guint i = 0; i < n_values; i++)
    squares += (values[i] - stat->mean) * (values[i] - stat->mean);

  stat->sd = n_values > 1 ? sqrt (squares / (n_values - 1)) : 0.0;
}

char *
gv_cli_describe_params (const GvParams *params)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *protocol = NULL;
  g_autofree char *topology = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  /* Like the table under it, the line is for scripts as much as for people: it stays
   * as the protocols declare it, in English. */
  protocol = describe_protocol (params);
  topology = describe_topology (params);

  g_string_append_printf (text, "%s, %s, %u nodes", protocol, topology, params->n_nodes);
  if (params->protocol->uses_fanout)
    g_string_append_printf (text, ", fanout %u", params->fanout);
  g_string_append_printf (text, ", loss %g%%", 100.0 * params->loss);

  if (params->crash > 0.0)
    g_string_append_printf (text, ", crash %g%%", 100.0 * params->crash);
  if (params->recover > 0.0)
    g_string_append_printf (text, ", recover %g%%%s", 100.0 * params->recover,
                            params->recover_loses_state ? " (state lost)" : "");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

JsonNode *
gv_cli_results_to_json (const GvParams  *params,
                        const GvSummary *summaries,
                        guint            n_runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) columns = NULL;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (summaries != NULL || n_runs == 0, NULL);

  columns = make_columns (params->protocol);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, gv_params_to_json (params));

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_runs; i++)
    json_builder_add_value (builder, gv_summary_to_json (&summaries[i], params->protocol,
                                                         params->seed + i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stats");
  json_builder_begin_object (builder);
  for (guint c = 0; c < columns->len; c++)
    {
      const Column *column = &g_array_index (columns, Column, c);
      GvCliStat stat;

      compute_column_stat (summaries, n_runs, column, &stat);

      json_builder_set_member_name (builder, column->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "mean");
      json_builder_add_double_value (builder, stat.mean);
      json_builder_set_member_name (builder, "sd");
      json_builder_add_double_value (builder, stat.sd);
      json_builder_set_member_name (builder, "min");
      json_builder_add_double_value (builder, stat.min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, stat.max);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
gv_cli_results_to_table (const GvParams  *params,
                         const GvSummary *summaries,
                         guint            n_runs)
{
  static const char *stat_names[] = { "mean", "sd", "min", "max" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) columns = NULL;
  g_autofree gsize *widths = NULL;
  g_autofree char *header = NULL;
  guint n_columns;
  char **row;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (summaries != NULL || n_runs == 0, NULL);

  columns = make_columns (params->protocol);
  n_columns = columns->len;
  widths = g_new0 (gsize, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      Column *column = &g_array_index (columns, Column, c);

      if (column->kind != COLUMN_FIGURE)
        continue;
      column->whole = n_runs > 0;
      for (guint i = 0; i < n_runs; i++)
        {
          double value = summary_value (&summaries[i], column);

          if (isfinite (value) && value != floor (value))
            column->whole = FALSE;
        }
    }

  row = g_new0 (char *, n_columns + 2);
  row[0] = g_strdup ("seed");
  for (guint c = 0; c < n_columns; c++)
    row[c + 1] = g_strdup (g_array_index (columns, Column, c).heading);
  g_ptr_array_add (rows, row);

  for (guint i = 0; i < n_runs; i++)
    {
      row = g_new0 (char *, n_columns + 2);
      row[0] = g_strdup_printf ("%" PRIu64, params->seed + i);
      for (guint c = 0; c < n_columns; c++)
        row[c + 1] = format_run_cell (&summaries[i], &g_array_index (columns, Column, c));
      g_ptr_array_add (rows, row);
    }

  if (n_runs > 1)
    {
      g_autofree GvCliStat *stats = g_new (GvCliStat, n_columns);

      for (guint c = 0; c < n_columns; c++)
        compute_column_stat (summaries, n_runs, &g_array_index (columns, Column, c), &stats[c]);

      for (guint s = 0; s < G_N_ELEMENTS (stat_names); s++)
        {
          row = g_new0 (char *, n_columns + 2);
          row[0] = g_strdup (stat_names[s]);
          for (guint c = 0; c < n_columns; c++)
            {
              const GvCliStat *stat = &stats[c];
              double value = s == 0 ? stat->mean : s == 1 ? stat->sd
                           : s == 2 ? stat->min : stat->max;

              row[c + 1] = format_stat_cell (value, &g_array_index (columns, Column, c));
            }
          g_ptr_array_add (rows, row);
        }
    }

  /* Cells and the declared headings are ASCII, so bytes are columns. */
  for (guint r = 0; r < rows->len; r++)
    {
      row = g_ptr_array_index (rows, r);
      for (guint c = 0; c <= n_columns; c++)
        widths[c] = MAX (widths[c], strlen (row[c]));
    }

  header = gv_cli_describe_params (params);
  g_string_append_printf (text, "%s\n\n", header);

  for (guint r = 0; r < rows->len; r++)
    {
      row = g_ptr_array_index (rows, r);

      /* A rule between the runs and their statistics. */
      if (r == n_runs + 1)
        {
          gsize total = widths[0];

          for (guint c = 1; c <= n_columns; c++)
            total += 2 + widths[c];
          for (gsize k = 0; k < total; k++)
            g_string_append_c (text, '-');
          g_string_append_c (text, '\n');
        }

      g_string_append_printf (text, "%-*s", (int) widths[0], row[0]);
      for (guint c = 1; c <= n_columns; c++)
        g_string_append_printf (text, "  %*s", (int) widths[c], row[c]);
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
gv_cli_numbered_path (const char *path,
                      guint       index,
                      guint       n_runs)
{
  const char *base;
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  if (n_runs <= 1)
    return g_strdup (path);

  /* Before the extension of the last component, if it has one: runs-2.json. */
  base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  dot = strrchr (base, '.');
  if (dot != NULL && dot > base)
    return g_strdup_printf ("%.*s-%u%s", (int) (dot - path), path, index, dot);

  return g_strdup_printf ("%s-%u", path, index);
}
