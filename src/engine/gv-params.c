/* gv-params.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-params"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "gv-error.h"
#include "gv-params.h"

G_DEFINE_BOXED_TYPE (GvParams, gv_params, gv_params_ref, gv_params_unref)

static const char *topology_names[] = {
  "complete", "ring", "regular", "er", "ws", "ba", "grid",
};

static const char *stop_names[] = {
  "none", "feedback-counter", "blind-counter", "feedback-coin", "blind-coin", "ttl",
};

static const char *exchange_names[] = { "push", "pull", "push-pull" };
static const char *mode_names[] = { "rumor", "anti-entropy" };

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
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("%s is missing a number"), what);
      return FALSE;
    }

  /* strtod would also take leading spaces, hex, "nan" and "inf". */
  if (strspn (text, "0123456789.eE+-") != strlen (text))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: “%s” is not a number"), what, text);
      return FALSE;
    }

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
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

static void
params_free (GvParams *self)
{
  g_clear_pointer (&self->injections, g_array_unref);
  g_free (self);
}

GvParams *
gv_params_new (void)
{
  GvParams *self = g_new0 (GvParams, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_nodes = 100;
  self->topology = GV_TOPOLOGY_COMPLETE;
  self->topology_k = 4;
  self->topology_p = 0.1;
  self->exchange = GV_EXCHANGE_PUSH_PULL;
  self->mode = GV_MODE_RUMOR;
  self->fanout = 1;
  self->stop = GV_STOP_NONE;
  self->stop_k = 1;
  self->max_rounds = 1000;
  self->seed = 1;
  self->n_keys = 1;
  self->detail_cap = GV_DEFAULT_DETAIL_CAP;
  self->injections = g_array_new (FALSE, TRUE, sizeof (GvInjection));

  return self;
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

gboolean
gv_params_equal (const GvParams *a,
                 const GvParams *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->n_nodes != b->n_nodes || a->topology != b->topology ||
      a->topology_k != b->topology_k || a->topology_p != b->topology_p ||
      a->exchange != b->exchange || a->mode != b->mode || a->fanout != b->fanout ||
      a->stop != b->stop || a->stop_k != b->stop_k || a->loss != b->loss ||
      a->crash != b->crash || a->recover != b->recover ||
      a->recover_loses_state != b->recover_loses_state ||
      a->max_rounds != b->max_rounds || a->seed != b->seed || a->n_keys != b->n_keys ||
      a->detail_cap != b->detail_cap ||
      gv_params_get_n_injections (a) != gv_params_get_n_injections (b))
    return FALSE;

  /* An empty list means the default injection, so compare what the lists mean. */
  for (guint i = 0; i < gv_params_get_n_injections (a); i++)
    {
      GvInjection ia = gv_params_get_injection (a, i);
      GvInjection ib = gv_params_get_injection (b, i);

      if (ia.node != ib.node || ia.round != ib.round ||
          (a->mode == GV_MODE_ANTI_ENTROPY && ia.key != ib.key))
        return FALSE;
    }

  return TRUE;
}

void
gv_params_add_injection (GvParams *self,
                         guint32   node,
                         guint32   round,
                         guint32   key)
{
  GvInjection inj = { node, round, key };

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
    default:
      g_assert_not_reached ();
    }
}

gboolean
gv_params_validate (const GvParams  *self,
                    GError         **error)
{
  guint32 degree;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_nodes < GV_MIN_NODES || self->n_nodes > GV_MAX_NODES)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the number of nodes must be between %d and %d, not %u"),
                   GV_MIN_NODES, GV_MAX_NODES, self->n_nodes);
      return FALSE;
    }

  if ((guint) self->topology > GV_TOPOLOGY_GRID || (guint) self->exchange > GV_EXCHANGE_PUSH_PULL ||
      (guint) self->mode > GV_MODE_ANTI_ENTROPY || (guint) self->stop > GV_STOP_TTL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("unknown topology, protocol, mode or stop rule"));
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
      double entries = (double) self->n_nodes * gv_params_nominal_degree (self);

      if (self->topology == GV_TOPOLOGY_ER)
        entries = (double) self->n_nodes * ((self->n_nodes - 1) * self->topology_p);
      if (entries > 1.0e9)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                       _("this network would have about %.3g edge ends; at most 10⁹ are supported"),
                       entries);
          return FALSE;
        }
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

  if (self->mode == GV_MODE_ANTI_ENTROPY && self->stop != GV_STOP_NONE)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("stop rules belong to rumour mongering; anti-entropy never stops exchanging"));
      return FALSE;
    }

  if (self->stop != GV_STOP_NONE && (self->stop_k < 1 || self->stop_k > GV_MAX_STOP_K))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("the stop rule's K must be between 1 and %d, not %u"),
                   GV_MAX_STOP_K, self->stop_k);
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

  if (self->n_keys < 1 || self->n_keys > GV_MAX_KEYS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("the number of keys must be between 1 and %d, not %u"),
                   GV_MAX_KEYS, self->n_keys);
      return FALSE;
    }

  if (self->mode == GV_MODE_RUMOR && self->injections->len > GV_MAX_RUMORS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("at most %d rumours can be injected, not %u"),
                   GV_MAX_RUMORS, self->injections->len);
      return FALSE;
    }

  if (self->injections->len > 100000)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("at most 100000 updates can be injected, not %u"), self->injections->len);
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
      if (self->mode == GV_MODE_ANTI_ENTROPY && inj->key >= self->n_keys)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("update %u names key %u, but the keys are numbered 0 to %u"),
                       i + 1, inj->key, self->n_keys - 1);
          return FALSE;
        }
    }

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
                     "topology “%s” should be written %s", spec, usage);         \
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
      const char *usage = g_str_equal (parts[0], "ba") ? "ba:M" : parts[0][1] == 'i' ? "ring:K" : "regular:K";

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

gboolean
gv_params_parse_stop (GvParams    *self,
                      const char  *spec,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 k = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (spec == NULL)
    spec = "";

  parts = g_strsplit (spec, ":", -1);

  if (parts[0] != NULL && g_str_equal (parts[0], "none"))
    {
      if (parts[1] != NULL)
        goto bad;
      self->stop = GV_STOP_NONE;
      return TRUE;
    }

  for (guint i = GV_STOP_FEEDBACK_COUNTER; i <= GV_STOP_TTL; i++)
    {
      if (parts[0] == NULL || !g_str_equal (parts[0], stop_names[i]))
        continue;

      if (parts[1] == NULL || parts[2] != NULL)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("stop rule “%s” should be written %s:%s"), spec, stop_names[i],
                       i == GV_STOP_TTL ? "H" : "K");
          return FALSE;
        }

      if (!parse_uint (parts[1], i == GV_STOP_TTL ? _("the hop limit H") : _("the stop rule's K"),
                       1, GV_MAX_STOP_K, &k, error))
        return FALSE;

      self->stop = i;
      self->stop_k = (guint32) k;
      return TRUE;
    }

bad:
  g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
               _("unknown stop rule “%s”; use none, feedback-counter:K, blind-counter:K, "
               "feedback-coin:K, blind-coin:K or ttl:H"), spec);
  return FALSE;
}

gboolean
gv_params_parse_exchange (GvParams    *self,
                          const char  *spec,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (exchange_names); i++)
    if (g_strcmp0 (spec, exchange_names[i]) == 0)
      {
        self->exchange = i;
        return TRUE;
      }

  g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
               _("unknown protocol “%s”; use push, pull or push-pull"), spec ? spec : "");
  return FALSE;
}

gboolean
gv_params_parse_mode (GvParams    *self,
                      const char  *spec,
                      GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (spec, mode_names[i]) == 0)
      {
        self->mode = i;
        return TRUE;
      }

  if (g_strcmp0 (spec, "rumour") == 0)
    {
      self->mode = GV_MODE_RUMOR;
      return TRUE;
    }

  g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
               _("unknown mode “%s”; use rumor or anti-entropy"), spec ? spec : "");
  return FALSE;
}

/* The shortest decimal that reads back as the same double. */
static const char *
format_double (char   *buf,
               gsize   size,
               double  v)
{
  g_ascii_formatd (buf, size, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, size, "%.17g", v);
  return buf;
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
      return g_strdup_printf ("er:%s", format_double (pbuf, sizeof pbuf, self->topology_p));
    case GV_TOPOLOGY_WS:
      return g_strdup_printf ("ws:%u:%s", self->topology_k,
                              format_double (pbuf, sizeof pbuf, self->topology_p));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gv_params_stop_to_string (const GvParams *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->stop == GV_STOP_NONE)
    return g_strdup ("none");

  g_return_val_if_fail ((guint) self->stop < G_N_ELEMENTS (stop_names), NULL);

  return g_strdup_printf ("%s:%u", stop_names[self->stop], self->stop_k);
}

const char *
gv_exchange_to_string (GvExchange exchange)
{
  g_return_val_if_fail ((guint) exchange < G_N_ELEMENTS (exchange_names), NULL);
  return exchange_names[exchange];
}

const char *
gv_mode_to_string (GvMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);
  return mode_names[mode];
}

JsonNode *
gv_params_to_json (const GvParams *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *topology = NULL;
  g_autofree char *stop = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  topology = gv_params_topology_to_string (self);
  stop = gv_params_stop_to_string (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_add_int_value (b, self->n_nodes);
  json_builder_set_member_name (b, "topology");
  json_builder_add_string_value (b, topology);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, gv_exchange_to_string (self->exchange));
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, gv_mode_to_string (self->mode));
  json_builder_set_member_name (b, "fanout");
  json_builder_add_int_value (b, self->fanout);
  json_builder_set_member_name (b, "stop");
  json_builder_add_string_value (b, stop);
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
  /* Seeds are 64-bit; JSON numbers above 2^53 lose precision in many readers, so the
   * seed is a decimal string when it would not survive as a number. */
  json_builder_set_member_name (b, "seed");
  if (self->seed <= (G_GUINT64_CONSTANT (1) << 53))
    json_builder_add_int_value (b, (gint64) self->seed);
  else
    {
      g_autofree char *s = g_strdup_printf ("%" PRIu64, self->seed);
      json_builder_add_string_value (b, s);
    }
  json_builder_set_member_name (b, "keys");
  json_builder_add_int_value (b, self->n_keys);
  json_builder_set_member_name (b, "detail_cap");
  json_builder_add_int_value (b, self->detail_cap);
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
      if (self->mode == GV_MODE_ANTI_ENTROPY)
        {
          json_builder_set_member_name (b, "key");
          json_builder_add_int_value (b, inj.key);
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

GvParams *
gv_params_from_json (JsonNode  *root,
                     GError   **error)
{
  g_autoptr(GvParams) self = gv_params_new ();
  JsonObject *obj;
  JsonNode *node;
  JsonArray *injections;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: should be an object"));
      return NULL;
    }

  obj = json_node_get_object (root);

  if (!get_uint32 (obj, "nodes", &self->n_nodes, error))
    return NULL;
  if (!get_member (obj, "topology", G_TYPE_STRING, &node, error) ||
      !gv_params_parse_topology (self, json_node_get_string (node), error))
    return NULL;
  if (!get_member (obj, "protocol", G_TYPE_STRING, &node, error) ||
      !gv_params_parse_exchange (self, json_node_get_string (node), error))
    return NULL;
  if (!get_member (obj, "mode", G_TYPE_STRING, &node, error) ||
      !gv_params_parse_mode (self, json_node_get_string (node), error))
    return NULL;
  if (!get_uint32 (obj, "fanout", &self->fanout, error))
    return NULL;
  if (!get_member (obj, "stop", G_TYPE_STRING, &node, error) ||
      !gv_params_parse_stop (self, json_node_get_string (node), error))
    return NULL;
  if (!get_double (obj, "loss", &self->loss, error) ||
      !get_double (obj, "crash", &self->crash, error) ||
      !get_double (obj, "recover", &self->recover, error))
    return NULL;
  if (!get_member (obj, "recover_loses_state", G_TYPE_BOOLEAN, &node, error))
    return NULL;
  self->recover_loses_state = json_node_get_boolean (node);
  if (!get_uint32 (obj, "max_rounds", &self->max_rounds, error))
    return NULL;

  node = json_object_get_member (obj, "seed");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64,
                                       &seed, NULL))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “seed” is not a whole number"));
          return NULL;
        }
      self->seed = seed;
    }
  else
    {
      if (!get_member (obj, "seed", G_TYPE_INT64, &node, error))
        return NULL;
      if (json_node_get_int (node) < 0)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “seed” is negative"));
          return NULL;
        }
      self->seed = (guint64) json_node_get_int (node);
    }

  if (!get_uint32 (obj, "keys", &self->n_keys, error) ||
      !get_uint32 (obj, "detail_cap", &self->detail_cap, error))
    return NULL;

  node = json_object_get_member (obj, "injections");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("params: “injections” should be an array"));
      return NULL;
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
          return NULL;
        }
      io = json_node_get_object (item);
      if (!get_uint32 (io, "node", &n, error) || !get_uint32 (io, "round", &r, error))
        return NULL;
      if (json_object_has_member (io, "key") && !get_uint32 (io, "key", &k, error))
        return NULL;
      gv_params_add_injection (self, n, r, k);
    }

  if (!gv_params_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
