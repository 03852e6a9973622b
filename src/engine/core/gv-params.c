/* gv-params.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-params"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "gv-error.h"
#include "gv-params.h"

G_DEFINE_BOXED_TYPE (GvParams, gv_params, gv_params_ref, gv_params_unref)

static const char *topology_names[] = {
  "complete", "ring", "regular", "er", "ws", "ba", "grid",
};

static gboolean
parse_uint (const char  *text,
            const char  *what,
            guint64      min,
            guint64      max,
            guint64     *out,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("%s is missing a number"), what);
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, &local_error))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: “%s” is not a whole number"), what, text);
      return FALSE;
    }

  if (*out < min || *out > max)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s must be between %" PRIu64 " and %" PRIu64
                   ", not %s"), what, min, max, text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_probability (const char  *text,
                   const char  *what,
                   double      *out,
                   GError     **error)
{
  double v;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("%s is missing a number"), what);
      return FALSE;
    }

  if (!gv_parse_decimal (text, &v) || !isfinite (v))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: “%s” is not a number"), what, text);
      return FALSE;
    }

  if (v < 0.0 || v > 1.0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s must be a probability between 0 and 1, not %s"), what, text);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

/* The object */

static void
params_free (GvParams *self)
{
  g_clear_pointer (&self->injections, g_array_unref);
  g_free (self);
}

static void
set_protocol_defaults (GvParams *self)
{
  memset (self->values, 0, sizeof self->values);
  for (guint i = 0; i < self->protocol->n_params; i++)
    gv_param_default (&self->protocol->params[i], &self->values[i]);
}

GvParams *
gv_params_new_for (const GvProtocol *protocol)
{
  GvParams *self;

  g_return_val_if_fail (protocol != NULL, NULL);
  g_return_val_if_fail (protocol->n_params <= GV_MAX_PROTOCOL_PARAMS, NULL);

  self = g_new0 (GvParams, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->protocol = protocol;
  self->n_nodes = 100;
  self->topology = GV_TOPOLOGY_COMPLETE;
  self->topology_k = 4;
  self->topology_p = 0.1;
  self->fanout = 1;
  self->max_rounds = 1000;
  self->seed = 1;
  self->detail_cap = GV_DEFAULT_DETAIL_CAP;
  self->injections = g_array_new (FALSE, TRUE, sizeof (GvInjection));
  set_protocol_defaults (self);

  return self;
}

GvParams *
gv_params_new (void)
{
  return gv_params_new_for (gv_protocol_get_default ());
}

GvParams *
gv_params_copy (const GvParams *self)
{
  GvParams *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (GvParams, 1);
  *copy = *self;
  g_atomic_ref_count_init (&copy->ref_count);
  copy->injections = g_array_copy (self->injections);

  return copy;
}

GvParams *
gv_params_ref (GvParams *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gv_params_unref (GvParams *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    params_free (self);
}

void
gv_params_set_protocol (GvParams         *self,
                        const GvProtocol *protocol)
{
  const GvProtocol *old;
  GvParamValue kept[GV_MAX_PROTOCOL_PARAMS];

  g_return_if_fail (self != NULL);
  g_return_if_fail (protocol != NULL);

  old = self->protocol;
  if (old == protocol)
    return;

  memcpy (kept, self->values, sizeof kept);
  self->protocol = protocol;
  set_protocol_defaults (self);

  for (guint i = 0; i < protocol->n_params; i++)
    {
      const GvParamSpec *spec = &protocol->params[i];
      guint j;
      const GvParamSpec *was = gv_protocol_find_param (old, spec->name, &j);

      if (was != NULL && was->type == spec->type &&
          (spec->type != GV_PARAM_CHOICE || was->choices == spec->choices) &&
          gv_param_check (spec, &kept[j], NULL))
        self->values[i] = kept[j];
    }
}

const GvParamValue *
gv_params_get_value (const GvParams *self,
                     guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->protocol->n_params, NULL);

  return &self->values[index];
}

void
gv_params_set_value (GvParams           *self,
                     guint               index,
                     const GvParamValue *value)
{
  g_return_if_fail (self != NULL && value != NULL);
  g_return_if_fail (index < self->protocol->n_params);

  self->values[index] = *value;
}

gboolean
gv_params_set (GvParams    *self,
               const char  *name,
               const char  *text,
               GError     **error)
{
  const GvParamSpec *spec;
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  spec = gv_protocol_find_param (self->protocol, name, &index);
  if (spec == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s has no parameter “%s”"), _(self->protocol->name), name);
      return FALSE;
    }

  if (!gv_param_parse (spec, text, &self->values[index], error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

char *
gv_params_get (const GvParams *self,
               const char     *name)
{
  const GvParamSpec *spec;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  spec = gv_protocol_find_param (self->protocol, name, &index);
  if (spec == NULL)
    return NULL;
  return gv_param_to_string (spec, &self->values[index]);
}

gint64
gv_params_int (const GvParams *self,
               guint           index)
{
  return gv_params_get_value (self, index)->i;
}

guint
gv_params_choice (const GvParams *self,
                  guint           index)
{
  return (guint) gv_params_get_value (self, index)->i;
}

double
gv_params_choice_arg (const GvParams *self,
                      guint           index,
                      guint           arg)
{
  g_return_val_if_fail (arg < GV_MAX_CHOICE_ARGS, 0.0);
  return gv_params_get_value (self, index)->args[arg];
}

gboolean
gv_params_equal (const GvParams *a,
                 const GvParams *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->protocol != b->protocol || a->n_nodes != b->n_nodes || a->topology != b->topology ||
      a->topology_k != b->topology_k || a->topology_p != b->topology_p ||
      a->fanout != b->fanout || a->loss != b->loss ||
      a->crash != b->crash || a->recover != b->recover ||
      a->recover_loses_state != b->recover_loses_state ||
      a->max_rounds != b->max_rounds || a->seed != b->seed ||
      a->detail_cap != b->detail_cap ||
      gv_params_get_n_injections (a) != gv_params_get_n_injections (b))
    return FALSE;

  for (guint i = 0; i < a->protocol->n_params; i++)
    if (!gv_param_value_equal (&a->protocol->params[i], &a->values[i], &b->values[i]))
      return FALSE;

  /* An empty list means the default injection, so compare what the lists mean. */
  for (guint i = 0; i < gv_params_get_n_injections (a); i++)
    {
      GvInjection ia = gv_params_get_injection (a, i);
      GvInjection ib = gv_params_get_injection (b, i);

      if (ia.node != ib.node || ia.round != ib.round ||
          (a->protocol->injection->arg != NULL && ia.arg != ib.arg))
        return FALSE;
    }

  return TRUE;
}

void
gv_params_add_injection (GvParams *self,
                         guint32   node,
                         guint32   round,
                         guint32   arg)
{
  GvInjection inj = { node, round, arg };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->injections, inj);
}

guint
gv_params_get_n_injections (const GvParams *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return MAX (1, self->injections->len);
}

GvInjection
gv_params_get_injection (const GvParams *self,
                         guint           index)
{
  GvInjection none = { 0, 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  if (self->injections->len == 0)
    return none;

  g_return_val_if_fail (index < self->injections->len, none);

  return g_array_index (self->injections, GvInjection, index);
}

/* The number of neighbours that every node has, or is meant to have, on this topology:
 * what a fanout is checked against.  Random graphs may leave a node with fewer; such a
 * node contacts all the neighbours it has. */
guint32
gv_params_nominal_degree (const GvParams *self)
{
  g_return_val_if_fail (self != NULL, 0);

  switch (self->topology)
    {
    case GV_TOPOLOGY_COMPLETE:
      return self->n_nodes - 1;
    case GV_TOPOLOGY_RING:
    case GV_TOPOLOGY_REGULAR:
    case GV_TOPOLOGY_WS:
      return self->topology_k;
    case GV_TOPOLOGY_BA:
      return self->topology_k;
    case GV_TOPOLOGY_GRID:
      return self->n_nodes >= 9 ? 4 : 2;
    case GV_TOPOLOGY_ER:
      {
        double mean = self->topology_p * (self->n_nodes - 1);
        return (guint32) MAX (1.0, floor (mean));
      }
    case GV_N_TOPOLOGIES:
    default:
      g_assert_not_reached ();
    }
}

double
gv_params_edge_ends (const GvParams *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->topology == GV_TOPOLOGY_ER)
    return (double) self->n_nodes * ((self->n_nodes - 1) * self->topology_p);
  return (double) self->n_nodes * gv_params_nominal_degree (self);
}

gboolean
gv_params_has_detail (const GvParams *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->n_nodes <= self->detail_cap;
}

guint32
gv_params_injection_arg_limit (const GvParams *self)
{
  const GvInjectionSpec *spec;
  const GvParamSpec *bound;
  guint index;
  gint64 limit;

  g_return_val_if_fail (self != NULL, 0);

  spec = self->protocol->injection;
  if (spec->arg == NULL)
    return 0;
  bound = spec->arg_bound != NULL ? gv_protocol_find_param (self->protocol, spec->arg_bound,
                                                            &index)
                                  : NULL;
  if (bound == NULL || bound->type != GV_PARAM_INT)
    return G_MAXUINT32;

  limit = gv_params_int (self, index);
  return (guint32) CLAMP (limit, 0, (gint64) G_MAXUINT32);
}

gboolean
gv_params_check_node (const GvParams  *self,
                      guint32          node,
                      GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (node >= self->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("there is no node %u: the nodes are numbered 0 to %u"),
                   node, self->n_nodes - 1);
      return FALSE;
    }
  return TRUE;
}

gboolean
gv_params_validate (const GvParams  *self,
                    GError         **error)
{
  const GvProtocol *proto;
  const GvInjectionSpec *inj_spec;
  guint32 degree;

  g_return_val_if_fail (self != NULL, FALSE);

  proto = self->protocol;
  inj_spec = proto->injection;

  if (self->n_nodes < GV_MIN_NODES || self->n_nodes > GV_MAX_NODES)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the number of nodes must be between %d and %d, not %u"),
                   GV_MIN_NODES, GV_MAX_NODES, self->n_nodes);
      return FALSE;
    }

  if ((guint) self->topology >= GV_N_TOPOLOGIES)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("unknown topology"));
      return FALSE;
    }

  switch (self->topology)
    {
    case GV_TOPOLOGY_RING:
    case GV_TOPOLOGY_WS:
      if (self->topology_k < 2 || self->topology_k % 2 != 0 || self->topology_k >= self->n_nodes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       self->topology == GV_TOPOLOGY_RING
                       ? _("a ring lattice needs an even number of neighbours per node, at least 2 "
                           "and fewer than the number of nodes (%u), not %u")
                       : _("a small-world network needs an even number of neighbours per node, at "
                           "least 2 and fewer than the number of nodes (%u), not %u"),
                       self->n_nodes, self->topology_k);
          return FALSE;
        }
      if (self->topology == GV_TOPOLOGY_WS && !(self->topology_p >= 0.0 && self->topology_p <= 1.0))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("the rewiring probability of a small-world network must be between 0 "
                           "and 1, "
                         "not %g"),
                       self->topology_p);
          return FALSE;
        }
      break;

    case GV_TOPOLOGY_REGULAR:
      if (self->topology_k < 1 || self->topology_k >= self->n_nodes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("a random regular graph needs a degree between 1 and %u (one less than "
                           "the "
                         "number of nodes), not %u"),
                       self->n_nodes - 1, self->topology_k);
          return FALSE;
        }
      if (((guint64) self->n_nodes * self->topology_k) % 2 != 0)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("a random regular graph of degree %u on %u nodes is impossible: the "
                           "number "
                         "of nodes times the degree must be even"),
                       self->topology_k, self->n_nodes);
          return FALSE;
        }
      break;

    case GV_TOPOLOGY_ER:
      if (!(self->topology_p > 0.0 && self->topology_p <= 1.0))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("the edge probability of a random graph must be above 0 and at most 1, "
                           "not %g"),
                       self->topology_p);
          return FALSE;
        }
      break;

    case GV_TOPOLOGY_BA:
      if (self->topology_k < 1 || self->topology_k >= self->n_nodes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("each new node of a scale-free network links to between 1 and %u nodes "
                           "(one "
                         "less than the number of nodes), not %u"),
                       self->n_nodes - 1, self->topology_k);
          return FALSE;
        }
      break;

    case GV_TOPOLOGY_COMPLETE:
    case GV_TOPOLOGY_GRID:
    default:
      break;
    }

  /* Sparse topologies keep their edges in 32-bit offsets. */
  if (self->topology != GV_TOPOLOGY_COMPLETE)
    {
      double entries = gv_params_edge_ends (self);

      if (entries > 1.0e9)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                       _("this network would have about %.3g edge ends; at most 10⁹ are supported"),
                       entries);
          return FALSE;
        }
    }

  if (proto->complete_only && self->topology != GV_TOPOLOGY_COMPLETE)
    {
      g_autofree char *topology = gv_params_topology_to_string (self);

      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s assumes that any node can reach any other, so it runs on the complete "
                     "graph only, not on %s"), _(proto->name), topology);
      return FALSE;
    }

  if (self->fanout < 1)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("the fanout must be at least 1"));
      return FALSE;
    }

  degree = gv_params_nominal_degree (self);
  if (self->fanout > degree)
    {
      if (self->topology == GV_TOPOLOGY_COMPLETE)
        g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "a fanout of %u is larger than the %u other node of the "
                                  "complete graph",
                                  "a fanout of %u is larger than the %u other nodes of the "
                                  "complete graph", degree),
                     self->fanout, degree);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "a fanout of %u is larger than the %u neighbour a node has in "
                                  "this network",
                                  "a fanout of %u is larger than the %u neighbours a node has in "
                                  "this network", degree),
                     self->fanout, degree);
      return FALSE;
    }

  if (!(self->loss >= 0.0 && self->loss <= 1.0) || !(self->crash >= 0.0 && self->crash <= 1.0) ||
      !(self->recover >= 0.0 && self->recover <= 1.0))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("message loss, crashes and recoveries are probabilities between 0 and 1"));
      return FALSE;
    }

  if (self->max_rounds < 1 || self->max_rounds > GV_MAX_ROUNDS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the maximum number of rounds must be between 1 and %d, not %u"),
                   GV_MAX_ROUNDS, self->max_rounds);
      return FALSE;
    }

  for (guint i = 0; i < proto->n_params; i++)
    if (!gv_param_check (&proto->params[i], &self->values[i], error))
      {
        g_prefix_error (error, "%s: ", proto->params[i].name);
        return FALSE;
      }

  if (self->injections->len > MIN (inj_spec->max, GV_MAX_INJECTIONS))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s allows at most %u injection (--%s), not %u",
                                "%s allows at most %u injections (--%s), not %u",
                                MIN (inj_spec->max, GV_MAX_INJECTIONS)),
                   _(proto->name), MIN (inj_spec->max, GV_MAX_INJECTIONS),
                   inj_spec->option, self->injections->len);
      return FALSE;
    }

  for (guint i = 0; i < self->injections->len; i++)
    {
      const GvInjection *inj = &g_array_index (self->injections, GvInjection, i);

      if (inj->node >= self->n_nodes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("injection %u names node %u, but the nodes are numbered 0 to %u"),
                       i + 1, inj->node, self->n_nodes - 1);
          return FALSE;
        }
      if (inj->round >= self->max_rounds)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("injection %u is at round %u, but the run stops at round %u at the "
                           "latest"),
                       i + 1, inj->round, self->max_rounds);
          return FALSE;
        }
    }

  if (proto->validate != NULL && !proto->validate (self, error))
    return FALSE;

  return TRUE;
}

gboolean
gv_params_parse_topology (GvParams    *self,
                          const char  *spec,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  guint64 k = 0;
  double p = 0.0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (spec == NULL)
    spec = "";

  parts = g_strsplit (spec, ":", -1);
  n_parts = g_strv_length (parts);

  if (n_parts == 0)
    goto bad;

#define WANT(n, usage)                                                            \
  G_STMT_START {                                                                 \
    if (n_parts != (n))                                                          \
      {                                                                          \
        g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,                    \
                     _("topology “%s” should be written %s"), spec, usage);      \
        return FALSE;                                                            \
      }                                                                          \
  } G_STMT_END

  if (g_str_equal (parts[0], "complete"))
    {
      WANT (1, "complete");
      self->topology = GV_TOPOLOGY_COMPLETE;
    }
  else if (g_str_equal (parts[0], "grid"))
    {
      WANT (1, "grid");
      self->topology = GV_TOPOLOGY_GRID;
    }
  else if (g_str_equal (parts[0], "ring") || g_str_equal (parts[0], "regular") ||
           g_str_equal (parts[0], "ba"))
    {
      const char *usage = g_str_equal (parts[0],
                                       "ba") ? "ba:M" : parts[0][1] == 'i' ? "ring:K" : "regular:K";

      WANT (2, usage);
      if (!parse_uint (parts[1], usage, 1, G_MAXUINT32, &k, error))
        return FALSE;
      self->topology = g_str_equal (parts[0], "ring") ? GV_TOPOLOGY_RING
                     : g_str_equal (parts[0], "regular") ? GV_TOPOLOGY_REGULAR : GV_TOPOLOGY_BA;
      self->topology_k = (guint32) k;
    }
  else if (g_str_equal (parts[0], "er"))
    {
      WANT (2, "er:P");
      if (!parse_probability (parts[1], "er:P", &p, error))
        return FALSE;
      self->topology = GV_TOPOLOGY_ER;
      self->topology_p = p;
    }
  else if (g_str_equal (parts[0], "ws"))
    {
      WANT (3, "ws:K:P");
      if (!parse_uint (parts[1], "ws:K:P", 1, G_MAXUINT32, &k, error) ||
          !parse_probability (parts[2], "ws:K:P", &p, error))
        return FALSE;
      self->topology = GV_TOPOLOGY_WS;
      self->topology_k = (guint32) k;
      self->topology_p = p;
    }
  else
    goto bad;

#undef WANT

  return TRUE;

bad:
  g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
               _("unknown topology “%s”; use complete, ring:K, regular:K, er:P, ws:K:P, ba:M or "
                   "grid"),
               spec);
  return FALSE;
}

char *
gv_params_topology_to_string (const GvParams *self)
{
  char pbuf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->topology)
    {
    case GV_TOPOLOGY_COMPLETE:
    case GV_TOPOLOGY_GRID:
      return g_strdup (topology_names[self->topology]);
    case GV_TOPOLOGY_RING:
    case GV_TOPOLOGY_REGULAR:
    case GV_TOPOLOGY_BA:
      return g_strdup_printf ("%s:%u", topology_names[self->topology], self->topology_k);
    case GV_TOPOLOGY_ER:
      return g_strdup_printf ("er:%s", gv_format_double (pbuf, sizeof pbuf, self->topology_p));
    case GV_TOPOLOGY_WS:
      return g_strdup_printf ("ws:%u:%s", self->topology_k,
                              gv_format_double (pbuf, sizeof pbuf, self->topology_p));
    case GV_N_TOPOLOGIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A file stem's longest, well inside any file system's limit on a name. */
#define FILE_STEM_MAX 120

/* @value (a fraction) as a percentage for a file name: "10", "12.5". */
static char *
percent_part (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", 100.0 * value));
}

static void
append_part (GString    *s,
             const char *part)
{
  if (s->len > 0)
    g_string_append_c (s, '-');
  g_string_append (s, part);
}

char *
gv_params_file_stem (const GvParams *self,
                     const GvParams *defaults)
{
  g_autoptr(GvParams) own = NULL;
  g_autoptr(GString) raw = g_string_new (NULL);
  typedef struct { const char *name; double value, def; } Fault;
  Fault faults[3];
  GString *stem;
  const GvParams *d = defaults;

  g_return_val_if_fail (self != NULL, NULL);

  if (d == NULL)
    d = own = gv_params_new_for (self->protocol);
  faults[0] = (Fault) { "loss", self->loss, d->loss };
  faults[1] = (Fault) { "crash", self->crash, d->crash };
  faults[2] = (Fault) { "recover", self->recover, d->recover };

  append_part (raw, self->protocol->id);
  for (guint i = 0; i < self->protocol->n_params; i++)
    {
      const GvParamSpec *spec = &self->protocol->params[i];
      GvParamValue def;
      g_autofree char *value = NULL;

      gv_param_default (spec, &def);
      if ((spec->flags & GV_PARAM_FLAG_BARE) == 0 &&
          gv_param_value_equal (spec, &self->values[i], &def))
        continue;
      if ((spec->flags & GV_PARAM_FLAG_BARE) == 0)
        append_part (raw, spec->name);
      value = spec->type == GV_PARAM_DOUBLE && (spec->flags & GV_PARAM_FLAG_PERCENT)
              ? percent_part (self->values[i].d)
              : gv_param_to_string (spec, &self->values[i]);
      append_part (raw, value);
    }

  if (self->n_nodes != d->n_nodes)
    g_string_append_printf (raw, "-nodes-%u", self->n_nodes);
  if (self->topology != d->topology ||
      (self->topology != GV_TOPOLOGY_COMPLETE && self->topology != GV_TOPOLOGY_GRID &&
       (self->topology_k != d->topology_k || self->topology_p != d->topology_p)))
    {
      g_autofree char *topology = gv_params_topology_to_string (self);

      append_part (raw, topology);
    }
  if (self->protocol->uses_fanout && self->fanout != d->fanout)
    g_string_append_printf (raw, "-fanout-%u", self->fanout);
  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    if (faults[f].value != faults[f].def)
      {
        g_autofree char *value = percent_part (faults[f].value);

        g_string_append_printf (raw, "-%s-%s", faults[f].name, value);
      }
  if (self->recover_loses_state != d->recover_loses_state)
    g_string_append (raw, self->recover_loses_state ? "-state-lost" : "-state-kept");
  if (self->max_rounds != d->max_rounds)
    g_string_append_printf (raw, "-max-rounds-%u", self->max_rounds);
  if (self->seed != d->seed)
    g_string_append_printf (raw, "-seed-%" G_GUINT64_FORMAT, self->seed);

  /* Safe characters only: lower-case letters, digits, '.' and single '-' between the
   * parts, so that the stem is a file name on every system and in every shell. */
  stem = g_string_sized_new (raw->len);
  for (const char *c = raw->str; *c != '\0'; c++)
    {
      char ch = g_ascii_tolower (*c);

      if (!g_ascii_isalnum (ch) && ch != '.')
        ch = '-';
      if (ch == '-' && (stem->len == 0 || stem->str[stem->len - 1] == '-'))
        continue;
      if (ch == '.' && stem->len == 0)
        continue;
      g_string_append_c (stem, ch);
    }
  if (stem->len > FILE_STEM_MAX)
    {
      const char *cut = g_strrstr_len (stem->str, FILE_STEM_MAX + 1, "-");

      g_string_truncate (stem, cut != NULL ? (gsize) (cut - stem->str) : FILE_STEM_MAX);
    }
  while (stem->len > 0 && (stem->str[stem->len - 1] == '-' || stem->str[stem->len - 1] == '.'))
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_append (stem, "run");

  return g_string_free (stem, FALSE);
}
