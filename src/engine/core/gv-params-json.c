/* gv-params-json.c: parameters as a run file's params object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format 2 names the protocol and keeps its parameters by name; format 1 (0.1.0) had
 * "mode" for the protocol and "protocol" for the exchange.
 */

#define G_LOG_DOMAIN "gv-params"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "gv-error.h"
#include "gv-params.h"

/* JSON */

static void
add_seed (JsonBuilder *b,
          guint64      seed)
{
  /* Seeds are 64-bit; JSON numbers above 2^53 lose precision in many readers, so the
   * seed is a decimal string when it would not survive as a number. */
  if (seed <= (G_GUINT64_CONSTANT (1) << 53))
    json_builder_add_int_value (b, (gint64) seed);
  else
    {
      g_autofree char *s = g_strdup_printf ("%" PRIu64, seed);
      json_builder_add_string_value (b, s);
    }
}

static void
add_param_value (JsonBuilder        *b,
                 const GvParamSpec  *spec,
                 const GvParamValue *value)
{
  switch (spec->type)
    {
    case GV_PARAM_INT:
      json_builder_add_int_value (b, value->i);
      break;
    case GV_PARAM_DOUBLE:
      json_builder_add_double_value (b, value->d);
      break;
    case GV_PARAM_BOOL:
      json_builder_add_boolean_value (b, value->i != 0);
      break;
    case GV_PARAM_CHOICE:
      {
        g_autofree char *text = gv_param_to_string (spec, value);
        json_builder_add_string_value (b, text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
gv_params_to_json (const GvParams *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *topology = NULL;
  const GvInjectionSpec *inj_spec;

  g_return_val_if_fail (self != NULL, NULL);

  topology = gv_params_topology_to_string (self);
  inj_spec = self->protocol->injection;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, self->protocol->id);
  json_builder_set_member_name (b, "nodes");
  json_builder_add_int_value (b, self->n_nodes);
  json_builder_set_member_name (b, "topology");
  json_builder_add_string_value (b, topology);
  json_builder_set_member_name (b, "fanout");
  json_builder_add_int_value (b, self->fanout);
  json_builder_set_member_name (b, "loss");
  json_builder_add_double_value (b, self->loss);
  json_builder_set_member_name (b, "crash");
  json_builder_add_double_value (b, self->crash);
  json_builder_set_member_name (b, "recover");
  json_builder_add_double_value (b, self->recover);
  json_builder_set_member_name (b, "recover_loses_state");
  json_builder_add_boolean_value (b, self->recover_loses_state);
  json_builder_set_member_name (b, "max_rounds");
  json_builder_add_int_value (b, self->max_rounds);
  json_builder_set_member_name (b, "seed");
  add_seed (b, self->seed);
  json_builder_set_member_name (b, "detail_cap");
  json_builder_add_int_value (b, self->detail_cap);
  json_builder_set_member_name (b, "protocol_params");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->protocol->n_params; i++)
    {
      json_builder_set_member_name (b, self->protocol->params[i].name);
      add_param_value (b, &self->protocol->params[i], &self->values[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "injections");
  json_builder_begin_array (b);
  for (guint i = 0; i < gv_params_get_n_injections (self); i++)
    {
      GvInjection inj = gv_params_get_injection (self, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "node");
      json_builder_add_int_value (b, inj.node);
      json_builder_set_member_name (b, "round");
      json_builder_add_int_value (b, inj.round);
      if (inj_spec->arg_name != NULL)
        {
          json_builder_set_member_name (b, inj_spec->arg_name);
          json_builder_add_int_value (b, inj.arg);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gboolean
get_member (JsonObject   *obj,
            const char   *name,
            GType         type,
            JsonNode    **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “%s” is missing"), name);
      return FALSE;
    }

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      (type == G_TYPE_STRING && json_node_get_value_type (node) != G_TYPE_STRING) ||
      (type == G_TYPE_BOOLEAN && json_node_get_value_type (node) != G_TYPE_BOOLEAN) ||
      (type == G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_INT64) ||
      (type == G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      if (type == G_TYPE_STRING)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “%s” should be a string"), name);
      else if (type == G_TYPE_BOOLEAN)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “%s” should be true or false"),
                     name);
      else if (type == G_TYPE_INT64)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “%s” should be a whole number"),
                     name);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “%s” should be a number"), name);
      return FALSE;
    }

  *out = node;
  return TRUE;
}

static gboolean
get_uint32 (JsonObject  *obj,
            const char  *name,
            guint32     *out,
            GError     **error)
{
  JsonNode *node;
  gint64 v;

  if (!get_member (obj, name, G_TYPE_INT64, &node, error))
    return FALSE;

  v = json_node_get_int (node);
  if (v < 0 || v > G_MAXUINT32)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("params: “%s” is %" PRId64 ", out of range"), name, v);
      return FALSE;
    }

  *out = (guint32) v;
  return TRUE;
}

static gboolean
get_double (JsonObject  *obj,
            const char  *name,
            double      *out,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (obj, name, G_TYPE_DOUBLE, &node, error))
    return FALSE;

  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
get_seed (JsonObject  *obj,
          guint64     *seed,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "seed");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64,
                                       seed, NULL))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “seed” is not a whole number"));
          return FALSE;
        }
      return TRUE;
    }

  if (!get_member (obj, "seed", G_TYPE_INT64, &node, error))
    return FALSE;
  if (json_node_get_int (node) < 0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “seed” is negative"));
      return FALSE;
    }
  *seed = (guint64) json_node_get_int (node);
  return TRUE;
}

/* The members both formats share: the network, the faults, the run's limits. */
static gboolean
load_core (GvParams    *self,
           JsonObject  *obj,
           GError     **error)
{
  JsonNode *node;

  if (!get_uint32 (obj, "nodes", &self->n_nodes, error))
    return FALSE;
  if (!get_member (obj, "topology", G_TYPE_STRING, &node, error) ||
      !gv_params_parse_topology (self, json_node_get_string (node), error))
    return FALSE;
  if (!get_uint32 (obj, "fanout", &self->fanout, error))
    return FALSE;
  if (!get_double (obj, "loss", &self->loss, error) ||
      !get_double (obj, "crash", &self->crash, error) ||
      !get_double (obj, "recover", &self->recover, error))
    return FALSE;
  if (!get_member (obj, "recover_loses_state", G_TYPE_BOOLEAN, &node, error))
    return FALSE;
  self->recover_loses_state = json_node_get_boolean (node);
  if (!get_uint32 (obj, "max_rounds", &self->max_rounds, error))
    return FALSE;
  if (!get_seed (obj, &self->seed, error))
    return FALSE;
  if (!get_uint32 (obj, "detail_cap", &self->detail_cap, error))
    return FALSE;

  return TRUE;
}

static gboolean
load_injections (GvParams    *self,
                 JsonObject  *obj,
                 const char  *arg_name,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "injections");
  JsonArray *injections;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “injections” should be an array"));
      return FALSE;
    }

  injections = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (injections); i++)
    {
      JsonNode *item = json_array_get_element (injections, i);
      JsonObject *io;
      guint32 n, r, k = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("params: injection %u should be an object"), i + 1);
          return FALSE;
        }
      io = json_node_get_object (item);
      if (!get_uint32 (io, "node", &n, error) || !get_uint32 (io, "round", &r, error))
        return FALSE;
      if (arg_name != NULL && json_object_has_member (io, arg_name) &&
          !get_uint32 (io, arg_name, &k, error))
        return FALSE;
      gv_params_add_injection (self, n, r, k);
    }

  return TRUE;
}

/* A value as a run file holds it: a string for a choice, a number or true/false. */
static gboolean
load_param_value (GvParams          *self,
                  guint              index,
                  JsonNode          *node,
                  GError           **error)
{
  const GvParamSpec *spec = &self->protocol->params[index];
  GvParamValue v;
  g_autoptr(GError) local = NULL;

  gv_param_default (spec, &v);

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto bad_type;

  switch (spec->type)
    {
    case GV_PARAM_CHOICE:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        goto bad_type;
      if (!gv_param_parse (spec, json_node_get_string (node), &v, &local))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: protocol_params.%s: %s",
                       spec->name, local->message);
          return FALSE;
        }
      break;
    case GV_PARAM_INT:
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        goto bad_type;
      v.i = json_node_get_int (node);
      break;
    case GV_PARAM_DOUBLE:
      if (json_node_get_value_type (node) != G_TYPE_INT64 &&
          json_node_get_value_type (node) != G_TYPE_DOUBLE)
        goto bad_type;
      v.d = json_node_get_double (node);
      break;
    case GV_PARAM_BOOL:
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto bad_type;
      v.i = json_node_get_boolean (node);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!gv_param_check (spec, &v, &local))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: protocol_params.%s: %s",
                   spec->name, local->message);
      return FALSE;
    }

  self->values[index] = v;
  return TRUE;

bad_type:
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               spec->type == GV_PARAM_CHOICE ? _("params: “%s” should be a string")
               : spec->type == GV_PARAM_BOOL ? _("params: “%s” should be true or false")
               : spec->type == GV_PARAM_INT ? _("params: “%s” should be a whole number")
               : _("params: “%s” should be a number"), spec->name);
  return FALSE;
}

GvParams *
gv_params_from_json (JsonNode  *root,
                     GError   **error)
{
  g_autoptr(GvParams) self = NULL;
  const GvProtocol *protocol;
  JsonObject *obj, *pp;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: should be an object"));
      return NULL;
    }

  obj = json_node_get_object (root);

  if (!get_member (obj, "protocol", G_TYPE_STRING, &node, error))
    return NULL;
  protocol = gv_protocol_find (json_node_get_string (node));
  if (protocol == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("params: protocol “%s” is not one this version of Grapevine knows"),
                   json_node_get_string (node));
      return NULL;
    }

  self = gv_params_new_for (protocol);
  if (!load_core (self, obj, error))
    return NULL;

  node = json_object_get_member (obj, "protocol_params");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("params: “protocol_params” should be an object"));
      return NULL;
    }
  pp = json_node_get_object (node);

  /* Every parameter the protocol declares must be there, and nothing else: a file from
   * a later version with more parameters would otherwise be run without them. */
  for (guint i = 0; i < protocol->n_params; i++)
    {
      JsonNode *value = json_object_get_member (pp, protocol->params[i].name);

      if (value == NULL)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("params: protocol_params: “%s” is missing"), protocol->params[i].name);
          return NULL;
        }
      if (!load_param_value (self, i, value, error))
        return NULL;
    }
  {
    g_autoptr(GList) members = json_object_get_members (pp);

    for (GList *l = members; l != NULL; l = l->next)
      if (gv_protocol_find_param (protocol, l->data, NULL) == NULL)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("params: protocol_params: %s has no parameter “%s”"),
                       protocol->id, (const char *) l->data);
          return NULL;
        }
  }

  if (!load_injections (self, obj, protocol->injection->arg_name, error))
    return NULL;

  if (!gv_params_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Format 1 (0.1.0): "mode" named the protocol, "protocol" the exchange, and "stop" and
 * "keys" were there for every mode. */
GvParams *
gv_params_from_json_v1 (JsonNode  *root,
                        GError   **error)
{
  g_autoptr(GvParams) self = NULL;
  const GvProtocol *protocol;
  JsonObject *obj;
  JsonNode *node;
  guint32 keys;
  struct {
    const char *member;
    const char *param;
    const char *ignored;   /* the value a protocol without the parameter must have */
  } moved[] = {
    { "protocol", "exchange", NULL },
    { "stop", "stop", "none" },
  };

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: should be an object"));
      return NULL;
    }

  obj = json_node_get_object (root);

  if (!get_member (obj, "mode", G_TYPE_STRING, &node, error))
    return NULL;
  protocol = gv_protocol_find (json_node_get_string (node));
  if (protocol == NULL && g_strcmp0 (json_node_get_string (node), "rumour") == 0)
    protocol = gv_protocol_find ("rumor");
  if (protocol == NULL || gv_protocol_find_param (protocol, "exchange", NULL) == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("params: unknown mode “%s”; format 1 knows rumor and anti-entropy"),
                   json_node_get_string (node));
      return NULL;
    }

  self = gv_params_new_for (protocol);
  if (!load_core (self, obj, error))
    return NULL;

  for (guint m = 0; m < G_N_ELEMENTS (moved); m++)
    {
      g_autoptr(GError) local = NULL;

      if (!get_member (obj, moved[m].member, G_TYPE_STRING, &node, error))
        return NULL;
      if (gv_protocol_find_param (protocol, moved[m].param, NULL) == NULL)
        {
          if (g_strcmp0 (json_node_get_string (node), moved[m].ignored) != 0)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                           _("params: “%s” is %s, but %s has no %s"), moved[m].member,
                           json_node_get_string (node), protocol->id, moved[m].param);
              return NULL;
            }
          continue;
        }
      if (!gv_params_set (self, moved[m].param, json_node_get_string (node), &local))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: %s", local->message);
          return NULL;
        }
    }

  if (!get_uint32 (obj, "keys", &keys, error))
    return NULL;
  if (gv_protocol_find_param (protocol, "keys", NULL) != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u", keys);
      g_autoptr(GError) local = NULL;

      if (!gv_params_set (self, "keys", text, &local))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: %s", local->message);
          return NULL;
        }
    }

  if (!load_injections (self, obj, "key", error))
    return NULL;

  if (!gv_params_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
