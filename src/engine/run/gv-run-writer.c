/* gv-run-writer.c: run files, written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are read with json-glib and written by hand, for two reasons: json-glib 1.6's
 * generator goes through a JsonNode per number, which is most of a 200 ms budget for a
 * 1,000-node, 200-round run with its events, and it writes some doubles as JSON that
 * nothing reads back (it appends ".0" to "%.17g", so 1e+22 becomes "1e+22.0").  The
 * writer below is small, and every file it writes goes back through the reader in the
 * tests.  It writes format 2, whatever format a run was read from.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-run-private.h"

static inline void
append_uint (GString *s,
             guint64  v)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);

  g_string_append_len (s, p, buf + sizeof buf - p);
}

static inline void
append_int (GString *s,
            gint64   v)
{
  if (v < 0)
    {
      g_string_append_c (s, '-');
      append_uint (s, -(guint64) v);
    }
  else
    append_uint (s, (guint64) v);
}

/* The shortest decimal that reads back as the same double, always with a '.' or an
 * exponent so that it reads back as a double. */
static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      /* JSON has no infinities; no run file value is one. */
      g_string_append (s, "null");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }

  g_string_append (s, buf);
  if (strpbrk (buf, ".e") == NULL)
    g_string_append (s, ".0");
}

static void
append_string (GString    *s,
               const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, (char) c);
        }
      else if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

static void
append_indent (GString *s,
               int      depth)
{
  g_string_append_c (s, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (s, "  ");
}

/* @depth < 0: all on one line. */
static void
append_node (GString  *s,
             JsonNode *node,
             int       depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (obj);

        g_string_append_c (s, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append (s, depth < 0 ? ", " : ",");
            if (depth >= 0)
              append_indent (s, depth + 1);
            append_string (s, l->data);
            g_string_append (s, ": ");
            append_node (s, json_object_get_member (obj, l->data), depth < 0 ? -1 : depth + 1);
          }
        if (depth >= 0 && members != NULL)
          append_indent (s, depth);
        g_string_append_c (s, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (s, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (s, depth < 0 ? ", " : ",");
            if (depth >= 0)
              append_indent (s, depth + 1);
            append_node (s, json_array_get_element (array, i), depth < 0 ? -1 : depth + 1);
          }
        if (depth >= 0 && n > 0)
          append_indent (s, depth);
        g_string_append_c (s, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          append_int (s, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (s, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (s, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (s, json_node_get_string (node));
          break;
        default:
          g_string_append (s, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (s, "null");
      break;
    }
}

static void
append_uint_array (GString       *s,
                   const guint32 *values,
                   guint32        n)
{
  g_string_append_c (s, '[');
  for (guint32 i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_uint (s, values[i]);
    }
  g_string_append_c (s, ']');
}

/* A metric's value: a whole number for counts, null where it was not recorded. */
static void
append_value (GString      *s,
              GvMetricKind  kind,
              double        v)
{
  if (isnan (v))
    g_string_append (s, "null");
  else if (kind == GV_METRIC_COUNT && v >= 0 && v == floor (v) && v < MAX_SAFE_INTEGER)
    append_uint (s, (guint64) v);
  else
    append_double (s, v);
}

static void
append_intervention (GString              *s,
                     const GvProtocol     *protocol,
                     const GvIntervention *iv)
{
  g_string_append (s, "{\"round\": ");
  append_uint (s, iv->round);
  g_string_append (s, ", \"kind\": ");
  append_string (s, gv_intervention_kind_to_string (iv->kind));
  if (iv->kind == GV_INTERVENTION_FAULTS)
    {
      g_string_append (s, ", \"loss\": ");
      append_double (s, iv->loss);
      g_string_append (s, ", \"crash\": ");
      append_double (s, iv->crash);
      g_string_append (s, ", \"recover\": ");
      append_double (s, iv->recover);
    }
  else
    {
      g_string_append (s, ", \"node\": ");
      append_uint (s, iv->node);
      if (iv->kind == GV_INTERVENTION_INJECT && protocol->injection->arg_name != NULL)
        {
          g_string_append (s, ", ");
          append_string (s, protocol->injection->arg_name);
          g_string_append (s, ": ");
          append_uint (s, iv->arg);
        }
    }
  g_string_append_c (s, '}');
}

static void
append_summary (GString          *s,
                const GvProtocol *protocol,
                const GvSummary  *summary)
{
  g_string_append (s, "{\"rounds\": ");
  append_uint (s, summary->rounds);
  g_string_append (s, ", \"converged\": ");
  g_string_append (s, summary->converged ? "true" : "false");
  g_string_append (s, ", \"finished\": ");
  g_string_append (s, summary->finished ? "true" : "false");
  for (guint i = 0; i < protocol->n_figures; i++)
    {
      g_string_append (s, ", ");
      append_string (s, protocol->figures[i].id);
      g_string_append (s, ": ");
      if (protocol->figures[i].kind == GV_FIGURE_COUNT)
        append_value (s, GV_METRIC_COUNT, summary->figures[i]);
      else
        append_double (s, summary->figures[i]);
    }
  g_string_append (s, ", \"messages\": ");
  append_uint (s, summary->messages);
  g_string_append_c (s, '}');
}

static void
append_round (GString             *s,
              const GvProtocol    *protocol,
              const GvRoundRecord *rec)
{
  const GvMetricSpec *core = gv_core_metrics (NULL);
  guint k = 0;

  g_string_append (s, "{\"round\": ");
  append_uint (s, rec->round);
  for (guint m = 0; m < GV_N_STORED_CORE_METRICS; m++)
    {
      g_string_append (s, ", \"");
      g_string_append (s, core[m].id);
      g_string_append (s, "\": ");
      append_value (s, core[m].kind, rec->values[m]);
    }
  /* A format-1 run beyond the detail cap knew its lost and dead messages but not how they
   * split into data and requests: the totals are kept where the split is not. */
  if (isnan (rec->values[GV_METRIC_LOST_DATA]) && !isnan (rec->values[GV_METRIC_LOST]))
    {
      g_string_append (s, ", \"lost\": ");
      append_value (s, GV_METRIC_COUNT, rec->values[GV_METRIC_LOST]);
    }
  if (isnan (rec->values[GV_METRIC_DEAD_DATA]) && !isnan (rec->values[GV_METRIC_DEAD]))
    {
      g_string_append (s, ", \"dead\": ");
      append_value (s, GV_METRIC_COUNT, rec->values[GV_METRIC_DEAD]);
    }
  for (guint m = 0; m < protocol->n_metrics; m++)
    {
      const GvMetricSpec *spec = &protocol->metrics[m];

      if (spec->flags & GV_METRIC_FLAG_DERIVED)
        continue;

      g_string_append (s, ", \"");
      g_string_append (s, spec->id);
      g_string_append (s, "\": ");

      if (spec->flags & GV_METRIC_FLAG_PER_ITEM)
        {
          /* Not recorded (a format-1 run saved again) is null; no items yet (news that
           * starts in a later round) is an empty list, and a value. */
          if (rec->items == NULL && isnan (rec->values[GV_N_CORE_METRICS + m]))
            g_string_append (s, "null");
          else
            {
              g_string_append_c (s, '[');
              for (guint i = 0; i < rec->n_items; i++)
                {
                  if (i > 0)
                    g_string_append_c (s, ',');
                  append_value (s, spec->kind, gv_round_record_get_item (rec, k, i));
                }
              g_string_append_c (s, ']');
            }
          k++;
        }
      else
        append_value (s, spec->kind, rec->values[GV_N_CORE_METRICS + m]);
    }
  g_string_append_c (s, '}');
}

static void
append_changes (GString             *s,
                const GvRoundRecord *rec,
                guint                view)
{
  gboolean first = TRUE;

  g_string_append_c (s, '[');
  for (guint32 i = 0; i < rec->n_changes; i++)
    {
      if (rec->changes[i].view != view)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      append_uint (s, (guint64) rec->changes[i].node * GV_RUN_CLASS_CODES + rec->changes[i].cls);
    }
  g_string_append_c (s, ']');
}

static void
append_events (GString             *s,
               const GvRoundRecord *rec,
               guint32              n_nodes,
               gboolean             detail)
{
  guint n_views = 1;

  g_string_append (s, "{\"round\": ");
  append_uint (s, rec->round);
  g_string_append (s, ", \"crashed\": ");
  append_uint_array (s, rec->crashed_nodes, rec->n_crashed);
  g_string_append (s, ", \"recovered\": ");
  append_uint_array (s, rec->recovered_nodes, rec->n_recovered);

  if (detail)
    {
      g_string_append (s, ", \"messages\": [");
      for (guint32 i = 0; i < rec->n_messages; i++)
        {
          const GvMessageEvent *m = &rec->messages[i];
          guint64 pair = (guint64) m->src * n_nodes + m->dst;

          if (i > 0)
            g_string_append_c (s, ',');
          append_uint (s, pair * GV_RUN_MESSAGE_CODES + m->outcome * 2u + (m->carries_data != 0));
        }
      g_string_append (s, "], \"changes\": ");
      append_changes (s, rec, 0);

      for (guint32 i = 0; i < rec->n_changes; i++)
        n_views = MAX (n_views, (guint) rec->changes[i].view + 1);
      if (n_views > 1)
        {
          g_string_append (s, ", \"view_changes\": [");
          for (guint view = 1; view < n_views; view++)
            {
              if (view > 1)
                g_string_append_c (s, ',');
              append_changes (s, rec, view);
            }
          g_string_append_c (s, ']');
        }
    }

  g_string_append_c (s, '}');
}

char *
gv_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_node (s, node, pretty ? 0 : -1);
  return g_string_free (s, FALSE);
}

char *
gv_run_to_data (GvRun *self,
                gsize *length)
{
  g_autoptr(JsonNode) params = NULL;
  g_autofree char *params_text = NULL;
  const GvProtocol *protocol;
  guint32 n_nodes;
  GString *s;

  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  protocol = self->params->protocol;
  n_nodes = self->params->n_nodes;
  params = gv_params_to_json (self->params);
  params_text = gv_json_to_string (params, FALSE);

  /* About what a detailed run of this size takes, to spare the reallocations. */
  s = g_string_sized_new (4096 + (gsize) n_nodes * 4 + self->records->len * 240);

  g_string_append (s, "{\n  \"format\": ");
  append_string (s, GV_RUN_FORMAT);
  g_string_append (s, ",\n  \"format_version\": ");
  append_uint (s, GV_RUN_FORMAT_VERSION);
  g_string_append (s, ",\n  \"engine_version\": ");
  append_string (s, self->engine_version);
  /* Records read from an older format say so, or they would be verified as if they had
   * recorded everything this format does. */
  if (self->recorded_format < GV_RUN_FORMAT_VERSION)
    {
      g_string_append (s, ",\n  \"recorded_format\": ");
      append_uint (s, self->recorded_format);
    }
  g_string_append (s, ",\n  \"params\": ");
  g_string_append (s, params_text);
  g_string_append (s, ",\n  \"summary\": ");
  append_summary (s, protocol, &self->summary);
  g_string_append (s, ",\n  \"detail\": ");
  g_string_append (s, self->detail ? "true" : "false");

  g_string_append (s, ",\n  \"interventions\": [");
  for (guint i = 0; i < self->interventions->len; i++)
    {
      g_string_append (s, i > 0 ? ",\n    " : "\n    ");
      append_intervention (s, protocol,
                           &g_array_index (self->interventions, GvIntervention, i));
    }
  g_string_append (s, self->interventions->len > 0 ? "\n  ]" : "]");

  g_string_append (s, ",\n  \"rounds\": [");
  for (guint i = 0; i < self->records->len; i++)
    {
      g_string_append (s, i > 0 ? ",\n    " : "\n    ");
      append_round (s, protocol, g_ptr_array_index (self->records, i));
    }
  g_string_append (s, "\n  ]");

  g_string_append (s, ",\n  \"events\": [");
  for (guint i = 0; i < self->records->len; i++)
    {
      g_string_append (s, i > 0 ? ",\n    " : "\n    ");
      append_events (s, g_ptr_array_index (self->records, i), n_nodes, self->detail);
    }
  g_string_append (s, "\n  ]");

  g_string_append (s, ",\n  \"first_informed\": [");
  for (guint32 v = 0; v < n_nodes; v++)
    {
      if (v > 0)
        g_string_append_c (s, ',');
      append_int (s, self->first_informed[v]);
    }
  g_string_append (s, "]\n}\n");

  if (length != NULL)
    *length = s->len;

  return g_string_free (s, FALSE);
}
