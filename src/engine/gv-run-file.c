/* gv-run-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are read with json-glib and written by hand, for two reasons: json-glib 1.6's
 * generator goes through a JsonNode per number, which is most of a 200 ms budget for a
 * 1,000-node, 200-round run with its events, and it writes some doubles as JSON that
 * nothing reads back (it appends ".0" to "%.17g", so 1e+22 becomes "1e+22.0").  The
 * writer below is small, and every file it writes goes back through the reader in the
 * tests.
 *
 * Loading checks the whole file before it makes anything, so a bad file gives one
 * error that names the place, and never a half-made run.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gv-error.h"
#include "gv-run-file.h"

/* Deeper than any run file nests (four levels), and far from what would exhaust the
 * stack of json-glib's recursive parser. */
#define MAX_DEPTH 32
/* Numbers a run file holds stay below 2^53; json-glib 1.6 silently wraps integers past
 * 2^63, so anything this long is refused before it gets there. */
#define MAX_INTEGER_DIGITS 18
#define MAX_SAFE_INTEGER (G_GUINT64_CONSTANT (1) << 53)

struct _GvRun
{
  GObject    parent_instance;

  GvParams  *params;
  char      *engine_version;
  GPtrArray *records;          /* GvRoundRecord, record i is round i */
  GvSummary  summary;
  gint32    *first_informed;   /* n_nodes */
  GArray    *interventions;    /* GvIntervention */
  gboolean   detail;
};

G_DEFINE_FINAL_TYPE (GvRun, gv_run, G_TYPE_OBJECT)

static const char *intervention_names[] = { "faults", "crash", "revive", "inject" };

/* The per-round metrics, in file and CSV order. */
typedef enum
{
  METRIC_ROUND,
  METRIC_ALIVE,
  METRIC_INFORMED,
  METRIC_SPREADING,
  METRIC_NEWLY_INFORMED,
  METRIC_CRASHED,
  METRIC_RECOVERED,
  METRIC_SENT,
  METRIC_CARRYING,
  METRIC_LOST,
  METRIC_DEAD,
  METRIC_REDUNDANT,
  N_METRICS
} Metric;

static const char *metric_names[N_METRICS] = {
  "round", "alive", "informed", "spreading", "newly_informed", "crashed", "recovered",
  "sent", "carrying", "lost", "dead", "redundant",
};

static guint64
record_metric (const GvRoundRecord *rec,
               Metric               metric)
{
  switch (metric)
    {
    case METRIC_ROUND: return rec->round;
    case METRIC_ALIVE: return rec->alive;
    case METRIC_INFORMED: return rec->informed;
    case METRIC_SPREADING: return rec->spreading;
    case METRIC_NEWLY_INFORMED: return rec->newly_informed;
    case METRIC_CRASHED: return rec->crashed;
    case METRIC_RECOVERED: return rec->recovered;
    case METRIC_SENT: return rec->sent;
    case METRIC_CARRYING: return rec->carrying;
    case METRIC_LOST: return rec->lost;
    case METRIC_DEAD: return rec->dead;
    case METRIC_REDUNDANT: return rec->redundant;
    case N_METRICS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_record_metric (GvRoundRecord *rec,
                   Metric         metric,
                   guint64        value)
{
  switch (metric)
    {
    case METRIC_ROUND: rec->round = (guint32) value; break;
    case METRIC_ALIVE: rec->alive = (guint32) value; break;
    case METRIC_INFORMED: rec->informed = (guint32) value; break;
    case METRIC_SPREADING: rec->spreading = (guint32) value; break;
    case METRIC_NEWLY_INFORMED: rec->newly_informed = (guint32) value; break;
    case METRIC_CRASHED: rec->crashed = (guint32) value; break;
    case METRIC_RECOVERED: rec->recovered = (guint32) value; break;
    case METRIC_SENT: rec->sent = value; break;
    case METRIC_CARRYING: rec->carrying = value; break;
    case METRIC_LOST: rec->lost = value; break;
    case METRIC_DEAD: rec->dead = value; break;
    case METRIC_REDUNDANT: rec->redundant = value; break;
    case N_METRICS:
    default:
      g_assert_not_reached ();
    }
}

/* Writing */

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

static void
append_intervention (GString              *s,
                     const GvIntervention *iv)
{
  g_string_append (s, "{\"round\": ");
  append_uint (s, iv->round);
  g_string_append (s, ", \"kind\": ");
  append_string (s, intervention_names[iv->kind]);
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
      if (iv->kind == GV_INTERVENTION_INJECT)
        {
          g_string_append (s, ", \"key\": ");
          append_uint (s, iv->key);
        }
    }
  g_string_append_c (s, '}');
}

static void
append_summary (GString         *s,
                const GvSummary *summary)
{
  g_string_append (s, "{\"rounds\": ");
  append_uint (s, summary->rounds);
  g_string_append (s, ", \"converged\": ");
  g_string_append (s, summary->converged ? "true" : "false");
  g_string_append (s, ", \"finished\": ");
  g_string_append (s, summary->finished ? "true" : "false");
  g_string_append (s, ", \"residue\": ");
  append_double (s, summary->residue);
  g_string_append (s, ", \"traffic\": ");
  append_double (s, summary->traffic);
  g_string_append (s, ", \"t_avg\": ");
  append_double (s, summary->t_avg);
  g_string_append (s, ", \"t_last\": ");
  append_double (s, summary->t_last);
  g_string_append (s, ", \"messages\": ");
  append_uint (s, summary->messages);
  g_string_append_c (s, '}');
}

static void
append_events (GString             *s,
               const GvRoundRecord *rec,
               guint32              n_nodes,
               gboolean             detail)
{
  g_string_append (s, "{\"round\": ");
  append_uint (s, rec->round);
  g_string_append (s, ", \"crashed\": ");
  append_uint_array (s, rec->crashed_nodes, rec->crashed);
  g_string_append (s, ", \"recovered\": ");
  append_uint_array (s, rec->recovered_nodes, rec->recovered);

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
      g_string_append (s, "], \"changes\": [");
      for (guint32 i = 0; i < rec->n_changes; i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          append_uint (s, (guint64) rec->changes[i].node * GV_RUN_STATE_CODES +
                          rec->changes[i].state);
        }
      g_string_append_c (s, ']');
    }

  g_string_append_c (s, '}');
}

/* Reading */

typedef struct
{
  GvParams  *params;
  guint32    n_nodes;
  guint32    last_round;
  gboolean   detail;
  GPtrArray *records;
  GArray    *interventions;
  guint8    *alive_changed;   /* per round: a crash or revival was made after it */
} Loader;

static void G_GNUC_PRINTF (2, 3)
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, GV_ERROR, GV_ERROR_PARSE, message);
}

/* What a JSON value is, for "should be X, not <this>".  TRANSLATORS can read the messages
 * that use it as "X is needed; here there is <this>" so that it stays in the nominative. */
static const char *
describe_node_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      /* TRANSLATORS: the JSON value null, named in "should be a number, not null" */
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return _("a whole number");
        case G_TYPE_DOUBLE:
          return _("a number with a fraction");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_STRING:
          return _("a string");
        default:
          return _("a value of an unknown type");
        }
    }
}

/* Where a value sits, for messages: "rounds[17].informed", built only on error. */
typedef struct
{
  const char *section;   /* "rounds" */
  gint64      index;     /* 17, or -1 */
  const char *member;    /* "informed", or NULL */
  gint64      sub;       /* an index into member, or -1 */
} Where;

static char *
where_to_string (const Where *w)
{
  GString *s = g_string_new (w->section);

  if (w->index >= 0)
    g_string_append_printf (s, "[%" PRId64 "]", w->index);
  if (w->member != NULL)
    {
      if (w->section != NULL)
        g_string_append_c (s, '.');
      g_string_append (s, w->member);
    }

  if (w->sub >= 0)
    g_string_append_printf (s, "[%" PRId64 "]", w->sub);

  return g_string_free (s, FALSE);
}

#define WHERE(section, index, member) ((Where) { (section), (index), (member), -1 })

static void G_GNUC_PRINTF (3, 4)
fail_at (GError      **error,
         const Where  *w,
         const char   *format,
         ...)
{
  g_autofree char *place = where_to_string (w);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: %s"), place, message);
}

static JsonNode *
get_member (JsonObject   *obj,
            const Where  *w,
            GError      **error)
{
  JsonNode *node = json_object_get_member (obj, w->member);

  if (node == NULL)
    fail_at (error, w, _("missing"));

  return node;
}

static gboolean
get_object (JsonNode     *node,
            const Where  *w,
            JsonObject  **out,
            GError      **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, w, _("should be an object, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (JsonNode     *node,
           const Where  *w,
           JsonArray   **out,
           GError      **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (error, w, _("should be an array, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

/* The member @w names, which must be an array. */
static gboolean
get_array_member (JsonObject   *obj,
                  const Where  *w,
                  JsonArray   **out,
                  GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  return node != NULL && get_array (node, w, out, error);
}

static inline gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A whole number from 0 to @max, where @what says what @max is (for the message). */
static gboolean
get_count_node (JsonNode     *node,
                const Where  *w,
                guint64       max,
                const char   *what,
                guint64      *out,
                GError      **error)
{
  gint64 v;

  if (!node_is_int (node))
    {
      fail_at (error, w, _("should be a whole number, not %s"), describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_int (node);
  if (v < 0)
    {
      fail_at (error, w, _("%" PRId64 " is negative"), v);
      return FALSE;
    }
  if ((guint64) v > max)
    {
      fail_at (error, w, _("%" PRId64 " is more than %s"), v, what);
      return FALSE;
    }

  *out = (guint64) v;
  return TRUE;
}

static gboolean
get_count (JsonObject   *obj,
           const Where  *w,
           guint64       max,
           const char   *what,
           guint64      *out,
           GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  return node != NULL && get_count_node (node, w, max, what, out, error);
}

static gboolean
get_number (JsonObject   *obj,
            const Where  *w,
            double        min,
            double        max,
            double       *out,
            GError      **error)
{
  JsonNode *node = get_member (obj, w, error);
  double v;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      fail_at (error, w, _("should be a number, not %s"), describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_double (node);
  if (!isfinite (v))
    {
      fail_at (error, w, _("should be a finite number"));
      return FALSE;
    }
  if (v < min || v > max)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (a, sizeof a, v);
      if (min == 0.0 && max == G_MAXDOUBLE)
        fail_at (error, w, _("%s is negative"), a);
      else
        fail_at (error, w, _("%s is out of range; it should be from %s to %s"), a,
                 g_ascii_dtostr (b, sizeof b, min), g_ascii_dtostr (c, sizeof c, max));
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static gboolean
get_boolean (JsonObject   *obj,
             const Where  *w,
             gboolean     *out,
             GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      fail_at (error, w, _("should be true or false, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static const char *
get_string (JsonObject   *obj,
            const Where  *w,
            GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail_at (error, w, _("should be a string, not %s"), describe_node_type (node));
      return NULL;
    }

  return json_node_get_string (node);
}

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static gboolean
read_hex4 (const char *data,
           gsize       length,
           gsize       at,
           guint      *value)
{
  *value = 0;
  if (at + 4 > length)
    return FALSE;

  for (gsize k = at; k < at + 4; k++)
    {
      if (!g_ascii_isxdigit (data[k]))
        return FALSE;
      *value = *value * 16 + (guint) g_ascii_xdigit_value (data[k]);
    }

  return TRUE;
}

/* The escape at data[*i] (a backslash), inside a string; leaves *i on its last byte. */
static gboolean
scan_escape (const char  *data,
             gsize        length,
             gsize       *i,
             guint        line,
             gsize        column,
             GError     **error)
{
  guint unit, low;

  if (*i + 1 >= length)
    {
      fail (error, _("line %u: the file ends inside a string; is it cut short?"), line);
      return FALSE;
    }

  switch (data[*i + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      *i += 1;
      return TRUE;

    case 'u':
      if (!read_hex4 (data, length, *i + 2, &unit))
        break;
      if (unit == 0)
        {
          fail (error, _("line %u, column %zu: a NUL character (\\u0000) "
                "inside a string"), line, column);
          return FALSE;
        }
      if (unit >= 0xdc00 && unit <= 0xdfff)
        {
          fail (error, _("line %u, column %zu: \\u%04x is half of a UTF-16 "
                "pair, without its first half"), line, column, unit);
          return FALSE;
        }
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          if (*i + 7 < length && data[*i + 6] == '\\' && data[*i + 7] == 'u' &&
              read_hex4 (data, length, *i + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
            {
              *i += 11;
              return TRUE;
            }
          fail (error, _("line %u, column %zu: \\u%04x is half of a UTF-16 "
                "pair, without its second half"), line, column, unit);
          return FALSE;
        }
      *i += 5;
      return TRUE;

    default:
      break;
    }

  fail (error, _("line %u, column %zu: a backslash that starts no JSON escape"),
        line, column);
  return FALSE;
}

/* What json-glib 1.6 does not check, or gets wrong, checked before it sees the text:
 *  - nesting: a file nested a million deep would overflow its recursive parser's stack;
 *  - integers: one past 2^63 wraps around silently instead of failing;
 *  - one value: after the first it goes on to parse more (it reads JavaScript's
 *    "var x = …;" statements too), and leaks the value it had;
 *  - escapes: it leaks a string whose \u escape is broken, and turns a lone UTF-16
 *    surrogate ("\ud800") into bytes that are not UTF-8.
 * A run file is one object, nested four deep, with numbers below 2^53 and plain strings.
 * (Each of the last three was found by fuzzing.) */
static gboolean
prescan (const char  *data,
         gsize        length,
         GError     **error)
{
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  guint depth = 0;
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              if (!scan_escape (data, length, &i, line, i - line_start + 1, error))
                return FALSE;
            }
          else if ((guchar) c < 0x20)
            {
              fail (error, _("line %u, column %zu: a control character inside a "
                    "string, where JSON needs an escape"), line, i - line_start + 1);
              return FALSE;
            }
          continue;
        }

      if (depth == 0 && !is_json_space (c))
        {
          const char *what = c == '[' ? _("an array") : c == '"' ? _("a string")
                           : c == '-' || g_ascii_isdigit (c) ? _("a number")
                           : c == 't' || c == 'f' ? _("true or false")
                           : c == 'n' ? _("null") : NULL;

          if (started)
            {
              fail (error, _("line %u, column %zu: more after the end of the "
                    "run, which is one JSON object"), line, i - line_start + 1);
              return FALSE;
            }
          if (c != '{')
            {
              if (what != NULL)
                fail (error, _("not a Grapevine run file: it holds %s, not an object"), what);
              else if (g_ascii_isprint (c))
                fail (error, _("not valid JSON at line %u, column %zu"
                      ": unexpected character ‘%c’"), line, i - line_start + 1, c);
              else
                fail (error, _("not valid JSON at line %u, column %zu"
                      ": unexpected byte 0x%02x"), line, i - line_start + 1, (guchar) c);
              return FALSE;
            }
          started = TRUE;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            {
              fail (error, _("line %u: nested more than %d deep; a run file never is"),
                    line, MAX_DEPTH);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          /* A closer too many is left to json-glib, which says where. */
          if (depth > 0)
            depth--;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gsize start = i;
            guint digits = 0;
            gboolean integer = TRUE;

            for (; i < length && is_number_char (data[i]); i++)
              {
                if (g_ascii_isdigit (data[i]))
                  digits++;
                else if (data[i] != '-' || i != start)
                  integer = FALSE;
              }
            if (integer && digits > MAX_INTEGER_DIGITS)
              {
                fail (error, _("line %u: the number %.*s is too large for a run file"), line,
                      (int) MIN (i - start, 40), data + start);
                return FALSE;
              }
            i--;
          }
          break;

        default:
          break;
        }
    }

  if (!started)
    {
      fail (error, _("the file holds no JSON value"));
      return FALSE;
    }

  if (in_string)
    {
      fail (error, _("line %u: the file ends inside a string; is it cut short?"), line);
      return FALSE;
    }

  return TRUE;
}

/* json-glib says "<data>:3:14: Parse error: unexpected character"; a person reads
 * "line 3, column 14". */
static void
fail_json (GError     **error,
           const char  *message)
{
  guint line, column;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = message + consumed;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      fail (error, _("not valid JSON at line %u, column %u: %s"), line, column, rest);
    }
  else
    fail (error, _("not valid JSON: %s"), message);
}

static gboolean
load_header (JsonObject  *root,
             GError     **error)
{
  const Where format_w = WHERE ("format", -1, NULL);
  const Where version_w = WHERE ("format_version", -1, NULL);
  JsonNode *node;
  gint64 version;

  node = json_object_get_member (root, "format");
  if (node == NULL)
    {
      fail (error, _("format: missing; this is not a Grapevine run file"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), GV_RUN_FORMAT))
    {
      fail_at (error, &format_w, _("should be “%s”; this is not a Grapevine run file"),
               GV_RUN_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (root, "format_version");
  if (node == NULL)
    {
      fail_at (error, &version_w, _("missing"));
      return FALSE;
    }
  if (!node_is_int (node))
    {
      fail_at (error, &version_w, _("should be a whole number, not %s"),
               describe_node_type (node));
      return FALSE;
    }

  version = json_node_get_int (node);
  if (version > GV_RUN_FORMAT_VERSION)
    {
      fail_at (error, &version_w,
               _("%" PRId64 " is newer than this Grapevine (%s) reads; it reads "
               "version %d"), version, PACKAGE_VERSION, GV_RUN_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      fail_at (error, &version_w, _("%" PRId64 " is not a version; they start at 1"),
               version);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_params (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "params");
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = get_member (root, &w, error);
  if (node == NULL)
    return FALSE;

  L->params = gv_params_from_json (node, &local_error);
  if (L->params == NULL)
    {
      /* Its messages about the file's structure (GV_ERROR_PARSE) already start "params: ". */
      if (g_error_matches (local_error, GV_ERROR, GV_ERROR_PARSE))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code, "params: %s",
                     local_error->message);
      return FALSE;
    }

  L->n_nodes = L->params->n_nodes;
  return TRUE;
}

static gboolean
load_interventions (Loader      *L,
                    JsonObject  *root,
                    GError     **error)
{
  const Where w = WHERE (NULL, -1, "interventions");
  g_autofree char *last = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  L->interventions = g_array_sized_new (FALSE, TRUE, sizeof (GvIntervention), n);
  last = g_strdup_printf (_("the last round (%u)"), L->last_round);
  L->alive_changed = g_new0 (guint8, (gsize) L->last_round + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj;
      GvIntervention iv = { 0 };
      const char *kind;
      guint64 value;
      Where at = WHERE ("interventions", i, NULL);
      gboolean known = FALSE;

      if (!get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!get_count (obj, &at, L->last_round, last, &value, error))
        return FALSE;
      iv.round = (guint32) value;
      if (i > 0 && iv.round < g_array_index (L->interventions, GvIntervention, i - 1).round)
        {
          fail_at (error, &at, _("%u comes after round %u; interventions are listed in order"),
                   iv.round, g_array_index (L->interventions, GvIntervention, i - 1).round);
          return FALSE;
        }

      at.member = "kind";
      kind = get_string (obj, &at, error);
      if (kind == NULL)
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (intervention_names); k++)
        if (g_str_equal (kind, intervention_names[k]))
          {
            iv.kind = (GvInterventionKind) k;
            known = TRUE;
          }
      if (!known)
        {
          fail_at (error, &at, _("“%s” is not faults, crash, revive or inject"), kind);
          return FALSE;
        }

      if (iv.kind == GV_INTERVENTION_FAULTS)
        {
          at.member = "loss";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.loss, error))
            return FALSE;
          at.member = "crash";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.crash, error))
            return FALSE;
          at.member = "recover";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.recover, error))
            return FALSE;
        }
      else
        {
          g_autofree char *nodes = g_strdup_printf (_("the last node (%u)"), L->n_nodes - 1);

          at.member = "node";
          if (!get_count (obj, &at, L->n_nodes - 1, nodes, &value, error))
            return FALSE;
          iv.node = (guint32) value;

          if (iv.kind == GV_INTERVENTION_INJECT)
            {
              g_autofree char *keys = g_strdup_printf (_("the last key (%u)"),
                                                       L->params->n_keys - 1);

              at.member = "key";
              if (!get_count (obj, &at, L->params->n_keys - 1, keys, &value, error))
                return FALSE;
              iv.key = (guint32) value;
            }
        }

      g_array_append_val (L->interventions, iv);
      if (iv.kind == GV_INTERVENTION_CRASH || iv.kind == GV_INTERVENTION_REVIVE)
        L->alive_changed[iv.round] = TRUE;
    }

  return TRUE;
}

static gboolean
load_round (Loader         *L,
            JsonNode       *node,
            guint           i,
            GvRoundRecord **out,
            GError        **error)
{
  g_autoptr(GvRoundRecord) rec = gv_round_record_new ();
  g_autofree char *nodes = g_strdup_printf (_("the run's %u nodes"), L->n_nodes);
  Where at = WHERE ("rounds", i, NULL);
  const GvRoundRecord *prev = i > 0 ? g_ptr_array_index (L->records, i - 1) : NULL;
  JsonObject *obj;

  if (!get_object (node, &at, &obj, error))
    return FALSE;

  for (Metric m = 0; m < N_METRICS; m++)
    {
      guint64 max = m <= METRIC_RECOVERED ? G_MAXUINT32 : MAX_SAFE_INTEGER;
      const char *what = m <= METRIC_RECOVERED ? "2^32 - 1" : "2^53";
      guint64 value;

      if (m == METRIC_ALIVE || m == METRIC_CRASHED || m == METRIC_RECOVERED)
        {
          max = L->n_nodes;
          what = nodes;
        }

      at.member = metric_names[m];
      if (!get_count (obj, &at, max, what, &value, error))
        return FALSE;
      set_record_metric (rec, m, value);
    }

  if (rec->round != i)
    {
      at.member = "round";
      fail_at (error, &at, _("%u is out of order: rounds are listed one by one from 0, so this "
               "should be %u"), rec->round, i);
      return FALSE;
    }

#define CHECK(cond, member_, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        at.member = (member_); \
        fail_at (error, &at, __VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END

  CHECK (rec->informed <= rec->alive, "informed", _("%u is more than alive (%u)"),
         rec->informed, rec->alive);
  CHECK (rec->spreading <= rec->alive, "spreading", _("%u is more than alive (%u)"),
         rec->spreading, rec->alive);
  CHECK (rec->carrying <= rec->sent, "carrying",
         _("%" PRIu64 " is more than sent (%" PRIu64 ")"),
         rec->carrying, rec->sent);
  CHECK (rec->lost <= rec->sent && rec->dead <= rec->sent - rec->lost, "dead",
         _("%" PRIu64 " and lost %" PRIu64 " make more than sent (%"
           PRIu64 ")"), rec->dead, rec->lost, rec->sent);
  CHECK (rec->redundant <= rec->carrying, "redundant",
         _("%" PRIu64 " is more than carrying (%" PRIu64 ")"),
         rec->redundant, rec->carrying);

  if (prev == NULL)
    {
      /* Round 0 is the state before anything happened. */
      CHECK (rec->alive == L->n_nodes, "alive",
             _("%u, but in round 0 all the run's %u nodes are alive"), rec->alive, L->n_nodes);
      CHECK (rec->sent == 0, "sent", _("%" PRIu64 ", but nothing is sent in round 0"),
             rec->sent);
      CHECK (rec->crashed == 0 && rec->recovered == 0, rec->crashed ? "crashed" : "recovered",
             _("%u, but nothing crashes or recovers in round 0"),
             MAX (rec->crashed, rec->recovered));
    }
  else if (!L->alive_changed[prev->round])
    {
      CHECK (rec->crashed <= prev->alive && rec->recovered <= L->n_nodes - prev->alive &&
             rec->alive == prev->alive - rec->crashed + rec->recovered, "alive",
             _("%u does not follow from round %u (%u alive, then %u crashed and %u recovered)"),
             rec->alive, prev->round, prev->alive, rec->crashed, rec->recovered);
    }

#undef CHECK

  *out = g_steal_pointer (&rec);
  return TRUE;
}

static gboolean
load_rounds (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "rounds");
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n == 0)
    {
      fail (error, _("rounds: empty; a run has at least round 0"));
      return FALSE;
    }
  if (n - 1 > L->params->max_rounds)
    {
      fail (error, _("rounds: %u records go past round %u, the run's max_rounds"), n,
            L->params->max_rounds);
      return FALSE;
    }

  L->last_round = n - 1;
  L->records = g_ptr_array_new_full (n, (GDestroyNotify) gv_round_record_unref);
  return TRUE;
}

static gboolean
load_round_records (Loader      *L,
                    JsonObject  *root,
                    GError     **error)
{
  JsonArray *array = json_object_get_array_member (root, "rounds");

  for (guint i = 0; i <= L->last_round; i++)
    {
      GvRoundRecord *rec;

      if (!load_round (L, json_array_get_element (array, i), i, &rec, error))
        return FALSE;
      g_ptr_array_add (L->records, rec);
    }

  return TRUE;
}

/* A list of distinct nodes in increasing order, as many as @expected. */
static gboolean
load_node_list (Loader      *L,
                JsonObject  *obj,
                Where        at,
                guint32      expected,
                const char  *counted_as,
                guint32    **out,
                GError     **error)
{
  g_autofree guint32 *nodes = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != expected)
    {
      g_autofree char *count = g_strdup_printf ("rounds[%" PRId64 "].%s", at.index,
                                                counted_as);

      fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE, "lists %u node, but %s is %u",
                                        "lists %u nodes, but %s is %u", n), n, count, expected);
      return FALSE;
    }

  if (n > 0)
    nodes = g_new (guint32, n);

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      gint64 v;

      at.sub = k;
      if (!node_is_int (item))
        {
          fail_at (error, &at, _("should be a node number, not %s"), describe_node_type (item));
          return FALSE;
        }
      v = json_node_get_int (item);
      if (v < 0 || v >= L->n_nodes)
        {
          fail_at (error, &at, _("node %" PRId64 " does not exist (the run has %u nodes)"),
                   v, L->n_nodes);
          return FALSE;
        }
      if (k > 0 && (guint32) v <= nodes[k - 1])
        {
          fail_at (error, &at, _("node %" PRId64 " is out of order or listed twice"), v);
          return FALSE;
        }
      nodes[k] = (guint32) v;
    }

  *out = g_steal_pointer (&nodes);
  return TRUE;
}

static gboolean
load_messages (Loader         *L,
               JsonObject     *obj,
               Where           at,
               GvRoundRecord  *rec,
               GError        **error)
{
  const guint64 limit = (guint64) L->n_nodes * L->n_nodes * GV_RUN_MESSAGE_CODES;
  guint64 counts[5] = { 0 };
  guint64 carrying = 0;
  JsonArray *array;
  guint n;

  at.member = "messages";
  if (!get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != rec->sent)
    {
      fail_at (error, &at, _("lists %u messages, but rounds[%u].sent is %" PRIu64),
               n, rec->round, rec->sent);
      return FALSE;
    }

  rec->messages = g_new (GvMessageEvent, MAX (n, 1));
  rec->n_messages = n;

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      GvMessageEvent *m = &rec->messages[k];
      guint64 v, pair;
      guint code;

      if G_UNLIKELY (!node_is_int (item) || json_node_get_int (item) < 0)
        {
          at.sub = k;
          fail_at (error, &at, _("should be a message code (a whole number of 0 or more), not %s"),
                   node_is_int (item) ? _("a negative number") : describe_node_type (item));
          return FALSE;
        }

      v = (guint64) json_node_get_int (item);
      code = (guint) (v % GV_RUN_MESSAGE_CODES);
      pair = v / GV_RUN_MESSAGE_CODES;

      if G_UNLIKELY (v >= limit)
        {
          at.sub = k;
          fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
                   pair / L->n_nodes, L->n_nodes);
          return FALSE;
        }
      if G_UNLIKELY (code / 2 > GV_MESSAGE_REQUEST)
        {
          at.sub = k;
          fail_at (error, &at, _("outcome %u is not one of 0 (useful) to 4 (request)"), code / 2);
          return FALSE;
        }

      m->src = (guint32) (pair / L->n_nodes);
      m->dst = (guint32) (pair % L->n_nodes);
      m->outcome = (guint8) (code / 2);
      m->carries_data = (guint8) (code % 2);
      m->reserved = 0;

      if G_UNLIKELY (m->src == m->dst)
        {
          at.sub = k;
          fail_at (error, &at, _("node %u sends to itself"), m->src);
          return FALSE;
        }

      counts[m->outcome]++;
      carrying += m->carries_data;
    }

  at.sub = -1;
  if (counts[GV_MESSAGE_LOST] != rec->lost || counts[GV_MESSAGE_DEAD] != rec->dead ||
      counts[GV_MESSAGE_REDUNDANT] != rec->redundant || carrying != rec->carrying)
    {
      /* "rounds[3].lost": where the count the list disagrees with sits. */
      const char *what = counts[GV_MESSAGE_LOST] != rec->lost ? "lost"
                       : counts[GV_MESSAGE_DEAD] != rec->dead ? "dead"
                       : counts[GV_MESSAGE_REDUNDANT] != rec->redundant ? "redundant"
                       : "carrying";
      g_autofree char *count = g_strdup_printf ("rounds[%u].%s", rec->round, what);

      if (counts[GV_MESSAGE_LOST] != rec->lost)
        fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                          "lists %" PRIu64 " lost message, but %s is %"
                                          PRIu64,
                                          "lists %" PRIu64 " lost messages, but %s is %"
                                          PRIu64, (gulong) counts[GV_MESSAGE_LOST]),
                 counts[GV_MESSAGE_LOST], count, rec->lost);
      else if (counts[GV_MESSAGE_DEAD] != rec->dead)
        fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                          "lists %" PRIu64 " dead message, but %s is %"
                                          PRIu64,
                                          "lists %" PRIu64 " dead messages, but %s is %"
                                          PRIu64, (gulong) counts[GV_MESSAGE_DEAD]),
                 counts[GV_MESSAGE_DEAD], count, rec->dead);
      else if (counts[GV_MESSAGE_REDUNDANT] != rec->redundant)
        fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                          "lists %" PRIu64 " redundant message, but %s "
                                          "is %" PRIu64,
                                          "lists %" PRIu64 " redundant messages, but %s "
                                          "is %" PRIu64,
                                          (gulong) counts[GV_MESSAGE_REDUNDANT]),
                 counts[GV_MESSAGE_REDUNDANT], count, rec->redundant);
      else
        fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                          "lists %" PRIu64 " data-carrying message, but "
                                          "%s is %" PRIu64,
                                          "lists %" PRIu64 " data-carrying messages, but "
                                          "%s is %" PRIu64, (gulong) carrying),
                 carrying, count, rec->carrying);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_changes (Loader         *L,
              JsonObject     *obj,
              Where           at,
              GvRoundRecord  *rec,
              GError        **error)
{
  JsonArray *array;
  guint n;

  at.member = "changes";
  if (!get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n > L->n_nodes)
    {
      fail_at (error, &at, _("lists %u changes, more than the run's %u nodes"), n, L->n_nodes);
      return FALSE;
    }

  rec->changes = g_new0 (GvStateEvent, MAX (n, 1));
  rec->n_changes = n;

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      GvStateEvent *c = &rec->changes[k];
      guint64 v;

      at.sub = k;
      if G_UNLIKELY (!node_is_int (item) || json_node_get_int (item) < 0)
        {
          fail_at (error, &at, _("should be a change code (a whole number of 0 or more), not %s"),
                   node_is_int (item) ? _("a negative number") : describe_node_type (item));
          return FALSE;
        }

      v = (guint64) json_node_get_int (item);
      if G_UNLIKELY (v / GV_RUN_STATE_CODES >= L->n_nodes)
        {
          fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
                   v / GV_RUN_STATE_CODES, L->n_nodes);
          return FALSE;
        }

      c->node = (guint32) (v / GV_RUN_STATE_CODES);
      c->state = (guint8) (v % GV_RUN_STATE_CODES);
      if G_UNLIKELY (k > 0 && c->node <= rec->changes[k - 1].node)
        {
          fail_at (error, &at, _("node %u is out of order or listed twice"), c->node);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_events (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "events");
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->records->len)
    {
      fail (error, _("events: %u entries, but there are %u rounds (0 to %u); each round has one"),
            n, L->records->len, L->last_round);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      GvRoundRecord *rec = g_ptr_array_index (L->records, i);
      Where at = WHERE ("events", i, NULL);
      JsonObject *obj;
      guint64 round;

      if (!get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &round, error))
        return FALSE;
      if (round != i)
        {
          fail_at (error, &at, _("%" PRIu64 " is out of order: events are listed "
                   "round by round from 0, so this should be %u"), round, i);
          return FALSE;
        }

      at.member = "crashed";
      if (!load_node_list (L, obj, at, rec->crashed, "crashed", &rec->crashed_nodes, error))
        return FALSE;
      at.member = "recovered";
      if (!load_node_list (L, obj, at, rec->recovered, "recovered", &rec->recovered_nodes,
                           error))
        return FALSE;

      if (L->detail)
        {
          if (!load_messages (L, obj, at, rec, error) || !load_changes (L, obj, at, rec, error))
            return FALSE;
        }
      else if (json_object_has_member (obj, "messages") ||
               json_object_has_member (obj, "changes"))
        {
          at.member = json_object_has_member (obj, "messages") ? "messages" : "changes";
          fail_at (error, &at, _("present, but the run has no detail: its %u nodes are more "
                   "than its detail cap (%u)"), L->n_nodes, L->params->detail_cap);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_first_informed (Loader      *L,
                     JsonObject  *root,
                     gint32     **out,
                     GError     **error)
{
  Where at = WHERE (NULL, -1, "first_informed");
  g_autofree gint32 *first = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->n_nodes)
    {
      fail (error, _("first_informed: %u entries, but the run has %u nodes"), n, L->n_nodes);
      return FALSE;
    }

  first = g_new (gint32, n);
  at = WHERE ("first_informed", -1, NULL);
  for (guint v = 0; v < n; v++)
    {
      JsonNode *item = json_array_get_element (array, v);
      gint64 r;

      at.index = v;
      if G_UNLIKELY (!node_is_int (item))
        {
          fail_at (error, &at, _("should be a round, or -1, not %s"), describe_node_type (item));
          return FALSE;
        }
      r = json_node_get_int (item);
      if G_UNLIKELY (r < -1 || r > L->last_round)
        {
          if (r < -1)
            fail_at (error, &at, _("%" PRId64 " is not a round, nor -1 for never"), r);
          else
            fail_at (error, &at, _("%" PRId64 " is after the last round (%u)"), r,
                     L->last_round);
          return FALSE;
        }
      first[v] = (gint32) r;
    }

  *out = g_steal_pointer (&first);
  return TRUE;
}

static gboolean
load_summary (Loader      *L,
              JsonObject  *root,
              GvSummary   *summary,
              GError     **error)
{
  Where at = WHERE (NULL, -1, "summary");
  g_autofree char *last = g_strdup_printf (_("the last round (%u)"), L->last_round);
  guint64 rounds, messages, total = 0;
  JsonObject *obj;
  JsonNode *node;

  node = get_member (root, &at, error);
  if (node == NULL || !get_object (node, &at, &obj, error))
    return FALSE;

  at = WHERE ("summary", -1, NULL);

  at.member = "rounds";
  if (!get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &rounds, error))
    return FALSE;
  if (rounds != L->last_round)
    {
      fail_at (error, &at, _("%" PRIu64 ", but the last round recorded is %u"), rounds,
               L->last_round);
      return FALSE;
    }
  summary->rounds = (guint32) rounds;

  at.member = "converged";
  if (!get_boolean (obj, &at, &summary->converged, error))
    return FALSE;
  at.member = "finished";
  if (!get_boolean (obj, &at, &summary->finished, error))
    return FALSE;
  /* Not at most 1: the engine divides by the scheduled rumours only, so a rumour injected
   * by hand can take it past 1. */
  at.member = "residue";
  if (!get_number (obj, &at, 0.0, G_MAXDOUBLE, &summary->residue, error))
    return FALSE;
  at.member = "traffic";
  if (!get_number (obj, &at, 0.0, G_MAXDOUBLE, &summary->traffic, error))
    return FALSE;
  at.member = "t_avg";
  if (!get_number (obj, &at, 0.0, L->last_round, &summary->t_avg, error))
    return FALSE;
  at.member = "t_last";
  if (!get_number (obj, &at, 0.0, L->last_round, &summary->t_last, error))
    return FALSE;

  at.member = "messages";
  if (!get_count (obj, &at, MAX_SAFE_INTEGER, "2^53", &messages, error))
    return FALSE;
  for (guint i = 0; i < L->records->len; i++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (L->records, i);

      total += rec->sent;
    }
  if (messages != total)
    {
      fail_at (error, &at, _("%" PRIu64 ", but the rounds sent %" PRIu64
               " in all"), messages, total);
      return FALSE;
    }
  summary->messages = messages;

  return TRUE;
}

/* The one string a run keeps as it is.  json-glib 1.6 turns an escaped lone surrogate
 * ("\ud800") into bytes that are not UTF-8, which no reader takes back (found by
 * fuzzing); a version needs none of that. */
static gboolean
is_version (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 64 || !g_utf8_validate (text, n, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static void
loader_clear (Loader *L)
{
  g_clear_pointer (&L->params, gv_params_unref);
  g_clear_pointer (&L->records, g_ptr_array_unref);
  g_clear_pointer (&L->interventions, g_array_unref);
  g_clear_pointer (&L->alive_changed, g_free);
}

static GvRun *
run_new_take (GvParams   *params,
              const char *engine_version,
              GPtrArray  *records,
              GvSummary  *summary,
              gint32     *first_informed,
              GArray     *interventions)
{
  GvRun *self = g_object_new (GV_TYPE_RUN, NULL);

  self->params = params;
  self->engine_version = g_strdup (engine_version);
  self->records = records;
  self->summary = *summary;
  self->first_informed = first_informed;
  self->interventions = interventions;
  self->detail = params->n_nodes <= params->detail_cap;

  return self;
}

static GvRun *
load_from_data (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree gint32 *first = NULL;
  const char *version;
  Loader L = { 0 };
  GvSummary summary = { 0 };
  JsonObject *root;
  JsonNode *node;
  GvRun *run = NULL;
  Where at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      fail (error, _("the file is empty"));
      return NULL;
    }

  if ((guint64) length > (guint64) GV_RUN_MAX_FILE_SIZE)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the file holds %zu bytes; a run file may hold at most %"
                   PRId64 " (1 GiB)"), length, GV_RUN_MAX_FILE_SIZE);
      return NULL;
    }

  if (!prescan (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      fail_json (error, local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      fail (error, _("the file holds no JSON value"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, _("not a Grapevine run file: it holds %s, not an object"),
            describe_node_type (node));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!load_header (root, error))
    return NULL;

  at = WHERE (NULL, -1, "engine_version");
  version = get_string (root, &at, error);
  if (version == NULL)
    return NULL;
  if (!is_version (version))
    {
      fail_at (error, &at, _("should be a version such as “%s”"), PACKAGE_VERSION);
      return NULL;
    }

  if (!load_params (&L, root, error))
    goto out;

  {
    gboolean detail;

    at = WHERE (NULL, -1, "detail");
    if (!get_boolean (root, &at, &detail, error))
      goto out;
    L.detail = L.params->n_nodes <= L.params->detail_cap;
    if (detail != L.detail)
      {
        if (detail)
          fail (error, _("detail: true, but the run's %u nodes are more than its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        else
          fail (error, _("detail: false, but the run's %u nodes are within its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        goto out;
      }
  }

  /* The number of rounds bounds what the other sections may name. */
  if (!load_rounds (&L, root, error) ||
      !load_interventions (&L, root, error) ||
      !load_round_records (&L, root, error) ||
      !load_events (&L, root, error) ||
      !load_first_informed (&L, root, &first, error) ||
      !load_summary (&L, root, &summary, error))
    goto out;

  run = run_new_take (g_steal_pointer (&L.params), version, g_steal_pointer (&L.records),
                      &summary, g_steal_pointer (&first), g_steal_pointer (&L.interventions));

out:
  loader_clear (&L);
  return run;
}

static gint32 *
engine_first_informed (GvEngine *engine)
{
  guint32 n = gv_engine_get_params (engine)->n_nodes;
  gint32 *first = g_new (gint32, n);

  for (guint32 v = 0; v < n; v++)
    {
      GvNodeInfo info;

      gv_engine_get_node_info (engine, v, &info);
      first[v] = (gint32) info.first_informed;
    }

  return first;
}

static gboolean
apply_intervention (GvEngine             *engine,
                    const GvIntervention *iv)
{
  g_autoptr(GError) error = NULL;

  /* One that failed when it was made fails here the same way, and is skipped alike. */
  switch (iv->kind)
    {
    case GV_INTERVENTION_FAULTS:
      gv_engine_set_faults (engine, iv->loss, iv->crash, iv->recover);
      return TRUE;
    case GV_INTERVENTION_CRASH:
    case GV_INTERVENTION_REVIVE:
      return gv_engine_set_node_alive (engine, iv->node, iv->kind == GV_INTERVENTION_REVIVE,
                                       &error);
    case GV_INTERVENTION_INJECT:
      return gv_engine_inject (engine, iv->node, iv->key, &error);
    default:
      g_assert_not_reached ();
    }
}

/* Plays @params with @interventions up to @last_round (or to the end when negative). */
static GvRun *
replay (const GvParams  *params,
        GArray          *interventions,
        gint64           last_round,
        guint            n_threads,
        GCancellable    *cancellable,
        GError         **error)
{
  g_autoptr(GvEngine) engine = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) ivs = NULL;
  GvSummary summary;
  guint next = 0;

  engine = gv_engine_new (params, n_threads, cancellable, error);
  if (engine == NULL)
    return NULL;

  ivs = interventions != NULL ? g_array_ref (interventions)
                              : g_array_new (FALSE, FALSE, sizeof (GvIntervention));
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_round_record_unref);
  g_ptr_array_add (records, gv_engine_initial_record (engine));

  for (;;)
    {
      guint32 round = gv_engine_get_round (engine);
      GvRoundRecord *rec;

      while (next < ivs->len && g_array_index (ivs, GvIntervention, next).round == round)
        apply_intervention (engine, &g_array_index (ivs, GvIntervention, next++));

      if (last_round >= 0 && round >= last_round)
        break;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      rec = gv_engine_step (engine);
      if (rec == NULL)
        break;
      g_ptr_array_add (records, rec);
    }

  gv_engine_get_summary (engine, &summary);

  return run_new_take (gv_params_copy (params), PACKAGE_VERSION, g_steal_pointer (&records),
                       &summary, engine_first_informed (engine), g_array_copy (ivs));
}

static void
describe_message (char                 *buf,
                  gsize                 size,
                  const GvMessageEvent *m)
{
  /* TRANSLATORS: what became of a message, as in "3→7 (redundant, with data)" */
  static const char *outcomes[] = { N_("useful"), N_("redundant"), N_("lost"), N_("dead"),
                                    N_("request") };
  const char *outcome = m->outcome <= GV_MESSAGE_REQUEST ? _(outcomes[m->outcome]) : "?";

  if (m->carries_data)
    g_snprintf (buf, size, _("%u→%u (%s, with data)"), m->src, m->dst, outcome);
  else
    g_snprintf (buf, size, "%u→%u (%s)", m->src, m->dst, outcome);
}

static gboolean
compare_node_lists (const guint32  *a,
                    const guint32  *b,
                    guint32         n,
                    guint32         round,
                    const char     *what,
                    const char     *name_a,
                    const char     *name_b,
                    GError        **error)
{
  for (guint32 k = 0; k < n; k++)
    if (a[k] != b[k])
      {
        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                     _("round %u: the %s nodes differ: node %u %s but node %u %s"),
                     round, what, a[k], name_a, b[k], name_b);
        return FALSE;
      }

  return TRUE;
}

/* The first difference between @a and @b, which @name_a and @name_b name in the
 * message ("in the run", "when re-simulated"). */
static gboolean
compare_runs (GvRun       *a,
              GvRun       *b,
              const char  *name_a,
              const char  *name_b,
              GError     **error)
{
  guint n = MIN (a->records->len, b->records->len);
  guint32 n_nodes = a->params->n_nodes;

  if (!gv_params_equal (a->params, b->params))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("the parameters differ"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const GvRoundRecord *x = g_ptr_array_index (a->records, i);
      const GvRoundRecord *y = g_ptr_array_index (b->records, i);

      for (Metric m = 0; m < N_METRICS; m++)
        if (record_metric (x, m) != record_metric (y, m))
          {
            g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                         _("round %u: %s is %" PRIu64 " %s but %" PRIu64 " %s"),
                         i, metric_names[m], record_metric (x, m), name_a, record_metric (y, m),
                         name_b);
            return FALSE;
          }

      if (!compare_node_lists (x->crashed_nodes, y->crashed_nodes, x->crashed, i, "crashed",
                               name_a, name_b, error) ||
          !compare_node_lists (x->recovered_nodes, y->recovered_nodes, x->recovered, i,
                               "recovered", name_a, name_b, error))
        return FALSE;

      if ((x->messages != NULL) != (y->messages != NULL))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                       _("round %u: messages are recorded %s but not %s"), i,
                       x->messages != NULL ? name_a : name_b,
                       x->messages != NULL ? name_b : name_a);
          return FALSE;
        }

      if (x->n_messages != y->n_messages)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                       _("round %u: %u messages are recorded %s but %u %s"), i, x->n_messages,
                       name_a, y->n_messages, name_b);
          return FALSE;
        }

      for (guint32 k = 0; k < x->n_messages; k++)
        {
          const GvMessageEvent *p = &x->messages[k];
          const GvMessageEvent *q = &y->messages[k];

          if (p->src != q->src || p->dst != q->dst || p->outcome != q->outcome ||
              p->carries_data != q->carries_data)
            {
              char bp[128], bq[128];

              describe_message (bp, sizeof bp, p);
              describe_message (bq, sizeof bq, q);
              g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                           _("round %u: message %u is %s %s but %s %s"), i, k, bp, name_a, bq,
                           name_b);
              return FALSE;
            }
        }

      if (x->n_changes != y->n_changes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                       _("round %u: %u state changes are recorded %s but %u %s"), i,
                       x->n_changes, name_a, y->n_changes, name_b);
          return FALSE;
        }

      for (guint32 k = 0; k < x->n_changes; k++)
        if (x->changes[k].node != y->changes[k].node ||
            x->changes[k].state != y->changes[k].state)
          {
            g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                         _("round %u: state change %u is node %u to state %u %s but node %u to "
                         "state %u %s"), i, k, x->changes[k].node, x->changes[k].state, name_a,
                         y->changes[k].node, y->changes[k].state, name_b);
            return FALSE;
          }
    }

  if (a->records->len != b->records->len)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                   _("the run ends at round %u %s but at round %u %s"), a->records->len - 1,
                   name_a, b->records->len - 1, name_b);
      return FALSE;
    }

  for (guint32 v = 0; v < n_nodes; v++)
    if (a->first_informed[v] != b->first_informed[v])
      {
        g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH,
                     _("node %u: first informed in round %d %s but in round %d %s"), v,
                     a->first_informed[v], name_a, b->first_informed[v], name_b);
        return FALSE;
      }

  if (a->interventions->len != b->interventions->len ||
      (a->interventions->len > 0 &&
       memcmp (a->interventions->data, b->interventions->data,
               a->interventions->len * sizeof (GvIntervention)) != 0))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("the interventions differ"));
      return FALSE;
    }

#define SUMMARY_FIELD(field, format, cast) \
  if (a->summary.field != b->summary.field) \
    { \
      g_autofree char *va = g_strdup_printf (format, (cast) a->summary.field); \
      g_autofree char *vb = g_strdup_printf (format, (cast) b->summary.field); \
      g_set_error (error, GV_ERROR, GV_ERROR_MISMATCH, _("summary: %s is %s %s but %s %s"), \
                   #field, va, name_a, vb, name_b); \
      return FALSE; \
    }

  SUMMARY_FIELD (rounds, "%u", guint);
  SUMMARY_FIELD (converged, "%d", int);
  SUMMARY_FIELD (finished, "%d", int);
  SUMMARY_FIELD (residue, "%.17g", double);
  SUMMARY_FIELD (traffic, "%.17g", double);
  SUMMARY_FIELD (t_avg, "%.17g", double);
  SUMMARY_FIELD (t_last, "%.17g", double);
  SUMMARY_FIELD (messages, "%" PRIu64, guint64);

#undef SUMMARY_FIELD

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (gv_run_save (GV_RUN (source_object), G_FILE (task_data), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GvRun *run = gv_run_load (G_FILE (task_data), cancellable, &error);

  if (run != NULL)
    g_task_return_pointer (task, run, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (gv_run_verify (GV_RUN (source_object), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
format_percent (double fraction)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s%%", g_ascii_formatd (buf, sizeof buf, "%g", 100.0 * fraction));
}

/* Each parameter that can tell runs apart, as a short phrase. */
typedef enum
{
  FIELD_MODE,
  FIELD_PROTOCOL,
  FIELD_TOPOLOGY,
  FIELD_NODES,
  FIELD_FANOUT,
  FIELD_STOP,
  FIELD_LOSS,
  FIELD_CRASH,
  FIELD_RECOVER,
  FIELD_LOSE_STATE,
  FIELD_KEYS,
  FIELD_INJECTIONS,
  FIELD_MAX_ROUNDS,
  FIELD_INTERVENTIONS,
  FIELD_SEED,
  N_FIELDS
} Field;

static char *
describe_field (GvRun *run,
                Field  field)
{
  const GvParams *p = run->params;

  switch (field)
    {
    case FIELD_MODE:
      return g_strdup (p->mode == GV_MODE_RUMOR ? _("rumour mongering") : _("anti-entropy"));
    case FIELD_PROTOCOL:
      return g_strdup (p->exchange == GV_EXCHANGE_PUSH ? _("push")
                       : p->exchange == GV_EXCHANGE_PULL ? _("pull") : _("push-pull"));
    case FIELD_TOPOLOGY:
      return gv_params_topology_to_string (p);
    case FIELD_NODES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes", p->n_nodes),
                              p->n_nodes);
    case FIELD_FANOUT:
      return g_strdup_printf (_("fanout %u"), p->fanout);
    case FIELD_STOP:
      {
        g_autofree char *stop = gv_params_stop_to_string (p);
        return g_strdup_printf (_("stop %s"), stop);
      }
    case FIELD_LOSS:
      {
        g_autofree char *v = format_percent (p->loss);
        return g_strdup_printf (_("loss %s"), v);
      }
    case FIELD_CRASH:
      {
        g_autofree char *v = format_percent (p->crash);
        return g_strdup_printf (_("crash %s"), v);
      }
    case FIELD_RECOVER:
      {
        g_autofree char *v = format_percent (p->recover);
        return g_strdup_printf (_("recover %s"), v);
      }
    case FIELD_LOSE_STATE:
      return g_strdup (p->recover_loses_state ? _("state lost") : _("state kept"));
    case FIELD_KEYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key", "%u keys", p->n_keys),
                              p->n_keys);
    case FIELD_INJECTIONS:
      {
        GString *s = g_string_new (p->mode == GV_MODE_RUMOR ? _("rumours ") : _("updates "));

        for (guint i = 0; i < gv_params_get_n_injections (p); i++)
          {
            GvInjection inj = gv_params_get_injection (p, i);

            if (i > 0)
              g_string_append_c (s, ' ');
            g_string_append_printf (s, "%u@%u", inj.node, inj.round);
            if (p->mode == GV_MODE_ANTI_ENTROPY)
              g_string_append_printf (s, ":%u", inj.key);
          }
        return g_string_free (s, FALSE);
      }
    case FIELD_MAX_ROUNDS:
      return g_strdup_printf (_("max %u rounds"), p->max_rounds);
    case FIELD_INTERVENTIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u intervention", "%u interventions",
                                           run->interventions->len),
                              run->interventions->len);
    case FIELD_SEED:
      return g_strdup_printf (_("seed %" PRIu64), p->seed);
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static void
gv_run_finalize (GObject *object)
{
  GvRun *self = (GvRun *) object;

  g_clear_pointer (&self->params, gv_params_unref);
  g_clear_pointer (&self->engine_version, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->first_informed, g_free);
  g_clear_pointer (&self->interventions, g_array_unref);

  G_OBJECT_CLASS (gv_run_parent_class)->finalize (object);
}

static void
gv_run_class_init (GvRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gv_run_finalize;
}

static void
gv_run_init (GvRun *self)
{
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
  guint32 n_nodes;
  GString *s;

  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  n_nodes = self->params->n_nodes;
  params = gv_params_to_json (self->params);
  params_text = gv_json_to_string (params, FALSE);

  /* About what a detailed run of this size takes, to spare the reallocations. */
  s = g_string_sized_new (4096 + (gsize) n_nodes * 4 + self->records->len * 160);

  g_string_append (s, "{\n  \"format\": ");
  append_string (s, GV_RUN_FORMAT);
  g_string_append (s, ",\n  \"format_version\": ");
  append_uint (s, GV_RUN_FORMAT_VERSION);
  g_string_append (s, ",\n  \"engine_version\": ");
  append_string (s, self->engine_version);
  g_string_append (s, ",\n  \"params\": ");
  g_string_append (s, params_text);
  g_string_append (s, ",\n  \"summary\": ");
  append_summary (s, &self->summary);
  g_string_append (s, ",\n  \"detail\": ");
  g_string_append (s, self->detail ? "true" : "false");

  g_string_append (s, ",\n  \"interventions\": [");
  for (guint i = 0; i < self->interventions->len; i++)
    {
      g_string_append (s, i > 0 ? ",\n    " : "\n    ");
      append_intervention (s, &g_array_index (self->interventions, GvIntervention, i));
    }
  g_string_append (s, self->interventions->len > 0 ? "\n  ]" : "]");

  g_string_append (s, ",\n  \"rounds\": [");
  for (guint i = 0; i < self->records->len; i++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (self->records, i);

      g_string_append (s, i > 0 ? ",\n    {" : "\n    {");
      for (Metric m = 0; m < N_METRICS; m++)
        {
          if (m > 0)
            g_string_append (s, ", ");
          g_string_append_c (s, '"');
          g_string_append (s, metric_names[m]);
          g_string_append (s, "\": ");
          append_uint (s, record_metric (rec, m));
        }
      g_string_append_c (s, '}');
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

GvRun *
gv_run_load_from_data (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GvRun *run;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  run = load_from_data (data, length, &local_error);
  if (run == NULL)
    {
      /* Messages quote the file, and json-glib's quote its bytes as they are: keep them
       * one line of UTF-8, whatever the file holds, for the command line and for the
       * window's dialogs. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_strdelimit (message, "\r\n", ' ');
      g_set_error_literal (error, local_error->domain, local_error->code, message);
    }

  return run;
}

GvRun *
gv_run_simulate (const GvParams  *params,
                 guint            n_threads,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  return replay (params, NULL, -1, n_threads, cancellable, error);
}

GvRun *
gv_run_new_from_simulator (GvSimulator  *simulator,
                           GError      **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) interventions = NULL;
  g_autofree gint32 *first = NULL;
  const GvParams *params;
  GvSummary summary;
  guint n;

  g_return_val_if_fail (GV_IS_SIMULATOR (simulator), NULL);

  if (gv_simulator_get_busy (simulator))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("a round is running; wait for it to finish before saving"));
      return NULL;
    }

  params = gv_simulator_get_start_params (simulator);
  n = gv_simulator_get_n_records (simulator);
  records = g_ptr_array_new_full (n, (GDestroyNotify) gv_round_record_unref);
  for (guint i = 0; i < n; i++)
    {
      GvRoundRecord *rec = gv_simulator_get_record (simulator, i);

      /* Records are only ever appended round by round, from 0 after a reset. */
      g_assert (rec->round == i);
      g_ptr_array_add (records, gv_round_record_ref (rec));
    }

  interventions = g_array_new (FALSE, FALSE, sizeof (GvIntervention));
  for (guint i = 0; i < gv_simulator_get_n_interventions (simulator); i++)
    {
      GvIntervention iv = *gv_simulator_get_intervention (simulator, i);

      /* Rumours have no keys, whatever the caller passed; a file names only real ones. */
      if (iv.kind == GV_INTERVENTION_INJECT && params->mode == GV_MODE_RUMOR)
        iv.key = 0;
      g_array_append_val (interventions, iv);
    }

  first = g_new (gint32, params->n_nodes);
  for (guint32 v = 0; v < params->n_nodes; v++)
    {
      GvNodeInfo info;

      if (!gv_simulator_get_node_info (simulator, v, &info))
        g_assert_not_reached ();
      first[v] = (gint32) info.first_informed;
    }

  gv_simulator_get_summary (simulator, &summary);

  return run_new_take (gv_params_copy (params), PACKAGE_VERSION, g_steal_pointer (&records),
                       &summary, g_steal_pointer (&first), g_steal_pointer (&interventions));
}

const GvParams *
gv_run_get_params (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  return self->params;
}

const char *
gv_run_get_engine_version (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  return self->engine_version;
}

guint
gv_run_get_n_records (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->records->len;
}

GvRoundRecord *
gv_run_get_record (GvRun *self,
                   guint  round)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  g_return_val_if_fail (round < self->records->len, NULL);

  return g_ptr_array_index (self->records, round);
}

guint32
gv_run_get_last_round (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->records->len - 1;
}

void
gv_run_get_summary (GvRun     *self,
                    GvSummary *summary)
{
  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (summary != NULL);

  *summary = self->summary;
}

gboolean
gv_run_has_detail (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  return self->detail;
}

const gint32 *
gv_run_get_first_informed (GvRun   *self,
                           guint32 *n_nodes)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  if (n_nodes != NULL)
    *n_nodes = self->params->n_nodes;
  return self->first_informed;
}

guint
gv_run_get_n_interventions (GvRun *self)
{
  g_return_val_if_fail (GV_IS_RUN (self), 0);
  return self->interventions->len;
}

const GvIntervention *
gv_run_get_intervention (GvRun *self,
                         guint  index)
{
  g_return_val_if_fail (GV_IS_RUN (self), NULL);
  g_return_val_if_fail (index < self->interventions->len, NULL);

  return &g_array_index (self->interventions, GvIntervention, index);
}

void
gv_run_get_node_states (GvRun   *self,
                        guint32  round,
                        guint8  *states)
{
  guint32 n;
  guint next = 0;

  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (states != NULL);

  n = self->params->n_nodes;
  round = MIN (round, self->records->len - 1);

  if (self->detail)
    {
      /* Changes are relative to the record before, and round 0's to all uninformed. */
      memset (states, GV_NODE_UNINFORMED, n);
      for (guint32 r = 0; r <= round; r++)
        {
          const GvRoundRecord *rec = g_ptr_array_index (self->records, r);

          for (guint32 k = 0; k < rec->n_changes; k++)
            states[rec->changes[k].node] = rec->changes[k].state;
        }
      return;
    }

  for (guint32 v = 0; v < n; v++)
    states[v] = self->first_informed[v] >= 0 && (guint32) self->first_informed[v] <= round
                ? GV_NODE_SPREADING : GV_NODE_UNINFORMED;

  /* Who is down: the faults of each round, and the crashes and revivals made between. */
  for (guint32 r = 0; r <= round; r++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (self->records, r);

      for (guint32 k = 0; k < rec->crashed; k++)
        states[rec->crashed_nodes[k]] = GV_NODE_CRASHED;
      for (guint32 k = 0; k < rec->recovered; k++)
        {
          guint32 v = rec->recovered_nodes[k];
          gint32 first = self->first_informed[v];

          states[v] = first >= 0 && (guint32) first <= round ? GV_NODE_SPREADING
                                                             : GV_NODE_UNINFORMED;
        }

      for (; next < self->interventions->len; next++)
        {
          const GvIntervention *iv = &g_array_index (self->interventions, GvIntervention, next);
          gint32 first;

          if (iv->round != r || r == round)
            break;
          if (iv->kind == GV_INTERVENTION_CRASH)
            states[iv->node] = GV_NODE_CRASHED;
          else if (iv->kind == GV_INTERVENTION_REVIVE && states[iv->node] == GV_NODE_CRASHED)
            {
              first = self->first_informed[iv->node];
              states[iv->node] = first >= 0 && (guint32) first <= round ? GV_NODE_SPREADING
                                                                        : GV_NODE_UNINFORMED;
            }
        }
    }
}

gboolean
gv_run_equal (GvRun *a,
              GvRun *b)
{
  g_return_val_if_fail (GV_IS_RUN (a), FALSE);
  g_return_val_if_fail (GV_IS_RUN (b), FALSE);

  return compare_runs (a, b, "in one", "in the other", NULL);
}

gboolean
gv_run_verify (GvRun         *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GvRun) again = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GV_IS_RUN (self), FALSE);

  again = replay (self->params, self->interventions, self->records->len - 1, 0, cancellable,
                  error);
  if (again == NULL)
    return FALSE;

  if (!compare_runs (self, again,
                     /* TRANSLATORS: "round 6: sent is 12 in the run but 11 when re-simulated" */
                     _("in the run"), _("when re-simulated"), &local_error))
    {
      if (!g_str_equal (self->engine_version, PACKAGE_VERSION))
        g_set_error (error, local_error->domain, local_error->code,
                     _("%s (the run was made by Grapevine %s, this is %s)"), local_error->message,
                     self->engine_version, PACKAGE_VERSION);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_write_file_atomically (GFile         *file,
                          const void    *data,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abort_close = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileCreateFlags flags = G_FILE_CREATE_NONE;
  gboolean existed = FALSE;
  gsize written = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  target = g_object_ref (file);

  /* GIO replaces a local file through a temporary one renamed over it, except when it
   * cannot: then it truncates the file and writes it in place, and a failure halfway
   * loses the old contents.  Steer it onto the safe path, or refuse. */
  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *real = realpath (path, NULL);
      g_autofree char *dir = NULL;
      GStatBuf st;

      if (real != NULL)
        {
          /* Replace what a symbolic link points to, not the link. */
          g_clear_object (&target);
          target = g_file_new_for_path (real);
          g_free (path);
          path = g_steal_pointer (&real);
        }

      existed = g_stat (path, &st) == 0;
      if (existed && S_ISREG (st.st_mode) && st.st_nlink > 1)
        flags |= G_FILE_CREATE_REPLACE_DESTINATION;  /* break the hard link, atomically */

      dir = g_path_get_dirname (path);
      if (existed && access (dir, W_OK) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (dir);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot write in the folder “%s”, where saving puts the new file before "
                         "it replaces the old one: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  out = g_file_replace (target, NULL, FALSE, flags, cancellable, error);
  if (out == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, length, &written, cancellable,
                                  &local_error))
    {
      /* g_file_replace_contents() closes the stream here, which renames the half-written
       * file over the old one (GLib 2.74).  Closing with a cancelled cancellable throws
       * the temporary file away instead. */
      abort_close = g_cancellable_new ();
      g_cancellable_cancel (abort_close);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort_close, NULL);

      /* A new file was written in place; leave nothing half-made behind. */
      if (!existed)
        g_file_delete (target, NULL, NULL);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      if (!existed)
        g_file_delete (target, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_run_save (GvRun         *self,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = gv_run_to_data (self, &length);
  return gv_write_file_atomically (file, data, length, cancellable, error);
}

GvRun *
gv_run_load (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Parsed, a file takes about ten times its size; refuse before reading it all. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > GV_RUN_MAX_FILE_SIZE)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the file holds %" PRId64 " bytes; a run file may hold at most %"
                   PRId64 " (1 GiB)"), (gint64) g_file_info_get_size (info),
                   GV_RUN_MAX_FILE_SIZE);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;

  return gv_run_load_from_data (data, length, error);
}

void
gv_run_save_async (GvRun               *self,
                   GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GV_IS_RUN (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_save_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

gboolean
gv_run_save_finish (GvRun         *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
gv_run_load_async (GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GvRun *
gv_run_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gv_run_verify_async (GvRun               *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GV_IS_RUN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_run_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
gv_run_verify_finish (GvRun         *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (GV_IS_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
gv_run_to_csv (GvRun *self)
{
  GString *s;

  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  s = g_string_sized_new (64 + self->records->len * 64);
  for (Metric m = 0; m < N_METRICS; m++)
    {
      if (m > 0)
        g_string_append_c (s, ',');
      g_string_append (s, metric_names[m]);
    }
  g_string_append_c (s, '\n');

  for (guint i = 0; i < self->records->len; i++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (self->records, i);

      for (Metric m = 0; m < N_METRICS; m++)
        {
          if (m > 0)
            g_string_append_c (s, ',');
          append_uint (s, record_metric (rec, m));
        }
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

char **
gv_run_label_differences (GvRun *const *runs,
                          guint         n_runs)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  gboolean differs[N_FIELDS] = { FALSE };
  gboolean any = FALSE;

  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  for (Field f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *first = NULL;

      if (n_runs == 0)
        break;

      first = describe_field (runs[0], f);
      for (guint i = 1; i < n_runs && !differs[f]; i++)
        {
          g_autofree char *other = describe_field (runs[i], f);

          differs[f] = !g_str_equal (first, other);
        }
      any |= differs[f];
    }

  /* One run: say what it is. */
  if (n_runs == 1)
    {
      differs[FIELD_PROTOCOL] = differs[FIELD_MODE] = differs[FIELD_TOPOLOGY] = TRUE;
      differs[FIELD_NODES] = differs[FIELD_FANOUT] = TRUE;
      any = TRUE;
    }

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);

      if (!any)
        g_string_append_printf (label, "run %u", i + 1);

      for (Field f = 0; f < N_FIELDS; f++)
        if (differs[f])
          {
            g_autofree char *phrase = describe_field (runs[i], f);

            if (label->len > 0)
              g_string_append (label, ", ");
            g_string_append (label, phrase);
          }

      g_strv_builder_add (labels, label->str);
    }

  return g_strv_builder_end (labels);
}
