/* gv-run-json.c: reading the JSON of a run file, with errors that say where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gv-error.h"
#include "gv-run-json.h"

static char *
where_to_string (const GvRunWhere *w)
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

void
gv_json_fail (GError     **error,
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
const char *
gv_json_describe_node_type (JsonNode *node)
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

void
gv_json_fail_at (GError           **error,
                 const GvRunWhere  *w,
                 const char        *format,
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

JsonNode *
gv_json_get_member (JsonObject        *obj,
                    const GvRunWhere  *w,
                    GError           **error)
{
  JsonNode *node = json_object_get_member (obj, w->member);

  if (node == NULL)
    gv_json_fail_at (error, w, _("missing"));

  return node;
}

gboolean
gv_json_get_object (JsonNode          *node,
                    const GvRunWhere  *w,
                    JsonObject       **out,
                    GError           **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      gv_json_fail_at (error, w, _("should be an object, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
gv_json_get_array (JsonNode          *node,
                   const GvRunWhere  *w,
                   JsonArray        **out,
                   GError           **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      gv_json_fail_at (error, w, _("should be an array, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

/* The member @w names, which must be an array. */
gboolean
gv_json_get_array_member (JsonObject        *obj,
                          const GvRunWhere  *w,
                          JsonArray        **out,
                          GError           **error)
{
  JsonNode *node = gv_json_get_member (obj, w, error);

  return node != NULL && gv_json_get_array (node, w, out, error);
}

gboolean
gv_json_node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
gv_json_node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64);
}

/* A whole number from 0 to @max, where @what says what @max is (for the message). */
gboolean
gv_json_get_count_node (JsonNode          *node,
                        const GvRunWhere  *w,
                        guint64            max,
                        const char        *what,
                        guint64           *out,
                        GError           **error)
{
  gint64 v;

  if (!gv_json_node_is_int (node))
    {
      gv_json_fail_at (error, w, _("should be a whole number, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_int (node);
  if (v < 0)
    {
      gv_json_fail_at (error, w, _("%" PRId64 " is negative"), v);
      return FALSE;
    }
  if ((guint64) v > max)
    {
      gv_json_fail_at (error, w, _("%" PRId64 " is more than %s"), v, what);
      return FALSE;
    }

  *out = (guint64) v;
  return TRUE;
}

gboolean
gv_json_get_count (JsonObject        *obj,
                   const GvRunWhere  *w,
                   guint64            max,
                   const char        *what,
                   guint64           *out,
                   GError           **error)
{
  JsonNode *node = gv_json_get_member (obj, w, error);

  return node != NULL && gv_json_get_count_node (node, w, max, what, out, error);
}

gboolean
gv_json_get_number (JsonObject        *obj,
                    const GvRunWhere  *w,
                    double             min,
                    double             max,
                    double            *out,
                    GError           **error)
{
  JsonNode *node = gv_json_get_member (obj, w, error);
  double v;

  if (node == NULL)
    return FALSE;

  if (!gv_json_node_is_number (node))
    {
      gv_json_fail_at (error, w, _("should be a number, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_double (node);
  if (!isfinite (v))
    {
      gv_json_fail_at (error, w, _("should be a finite number"));
      return FALSE;
    }
  if (v < min || v > max)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (a, sizeof a, v);
      if (min == 0.0 && max == G_MAXDOUBLE)
        gv_json_fail_at (error, w, _("%s is negative"), a);
      else
        gv_json_fail_at (error, w, _("%s is out of range; it should be from %s to %s"), a,
                 g_ascii_dtostr (b, sizeof b, min), g_ascii_dtostr (c, sizeof c, max));
      return FALSE;
    }

  *out = v;
  return TRUE;
}

gboolean
gv_json_get_boolean (JsonObject        *obj,
                     const GvRunWhere  *w,
                     gboolean          *out,
                     GError           **error)
{
  JsonNode *node = gv_json_get_member (obj, w, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      gv_json_fail_at (error, w, _("should be true or false, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

const char *
gv_json_get_string (JsonObject        *obj,
                    const GvRunWhere  *w,
                    GError           **error)
{
  JsonNode *node = gv_json_get_member (obj, w, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      gv_json_fail_at (error, w, _("should be a string, not %s"),
                       gv_json_describe_node_type (node));
      return NULL;
    }

  return json_node_get_string (node);
}

/* json-glib says "<data>:3:14: Parse error: unexpected character"; a person reads
 * "line 3, column 14". */
void
gv_json_fail_json (GError     **error,
                   const char  *message)
{
  guint line, column;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = message + consumed;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      gv_json_fail (error, _("not valid JSON at line %u, column %u: %s"), line, column, rest);
    }
  else
    gv_json_fail (error, _("not valid JSON: %s"), message);
}
