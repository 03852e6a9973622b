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

/* A number as the CLI and files write one: no sign, no spaces, hex, "nan" or "inf". */
static gboolean
parse_real (const char  *text,
            double      *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || strspn (text, "0123456789.eE+-") != strlen (text))
    return FALSE;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

const char *
gv_format_double (char   *buf,
                  gsize   size,
                  double  v)
{
  g_ascii_formatd (buf, size, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, size, "%.17g", v);
  return buf;
}

/* Declared parameters */

void
gv_param_default (const GvParamSpec *spec,
                  GvParamValue      *value)
{
  g_return_if_fail (spec != NULL && value != NULL);

  memset (value, 0, sizeof *value);
  switch (spec->type)
    {
    case GV_PARAM_INT:
    case GV_PARAM_BOOL:
      value->i = spec->def;
      break;
    case GV_PARAM_DOUBLE:
      value->d = spec->ddef;
      break;
    case GV_PARAM_CHOICE:
      value->i = spec->def;
      g_assert (spec->def >= 0 && (guint64) spec->def < spec->n_choices);
      for (guint a = 0; a < spec->choices[spec->def].n_args; a++)
        value->args[a] = spec->choices[spec->def].args[a].def;
      break;
    default:
      g_assert_not_reached ();
    }
}

gint
gv_param_find_choice (const GvParamSpec *spec,
                      const char        *id)
{
  g_return_val_if_fail (spec != NULL, -1);

  for (guint c = 0; c < spec->n_choices; c++)
    if (g_strcmp0 (spec->choices[c].id, id) == 0)
      return (gint) c;
  return -1;
}

static char *
choice_usage (const GvParamChoice *choice)
{
  GString *s = g_string_new (choice->id);

  for (guint a = 0; a < choice->n_args; a++)
    g_string_append_printf (s, ":%s", choice->args[a].name);
  return g_string_free (s, FALSE);
}

static char *
choices_list (const GvParamSpec *spec)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < spec->n_choices; c++)
    {
      g_autofree char *usage = choice_usage (&spec->choices[c]);

      if (c > 0)
        g_string_append (s, c + 1 == spec->n_choices ? _(" or ") : ", ");
      g_string_append (s, usage);
    }
  return g_string_free (s, FALSE);
}

static gboolean
check_arg (const GvParamSpec   *spec,
           const GvParamChoice *choice,
           const GvParamArg    *arg,
           double               v,
           GError             **error)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE], at[G_ASCII_DTOSTR_BUF_SIZE];

  if ((!arg->is_double && v != floor (v)) || !(v >= arg->min && v <= arg->max))
    {
      if (!arg->is_double)
        g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                     _("%s of %s must be a whole number from %s to %s, not %s"), arg->name,
                     choice->id, gv_format_double (lo, sizeof lo, arg->min),
                     gv_format_double (hi, sizeof hi, arg->max),
                     gv_format_double (at, sizeof at, v));
      else
        g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                     _("%s of %s must be from %s to %s, not %s"), arg->name, choice->id,
                     gv_format_double (lo, sizeof lo, arg->min),
                     gv_format_double (hi, sizeof hi, arg->max),
                     gv_format_double (at, sizeof at, v));
      return FALSE;
    }
  return TRUE;
}

gboolean
gv_param_check (const GvParamSpec   *spec,
                const GvParamValue  *value,
                GError             **error)
{
  g_return_val_if_fail (spec != NULL && value != NULL, FALSE);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      if (value->i < spec->min || value->i > spec->max)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s must be between %" PRId64 " and %" PRId64 ", not %" PRId64),
                       spec->name, spec->min, spec->max, value->i);
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_DOUBLE:
      if (!(value->d >= spec->dmin && value->d <= spec->dmax))
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
          char at[G_ASCII_DTOSTR_BUF_SIZE];

          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s must be between %s and %s, not %s"), spec->name,
                       gv_format_double (lo, sizeof lo, spec->dmin),
                       gv_format_double (hi, sizeof hi, spec->dmax),
                       gv_format_double (at, sizeof at, value->d));
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_BOOL:
      if (value->i != 0 && value->i != 1)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s must be true or false"), spec->name);
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_CHOICE:
      if (value->i < 0 || (guint64) value->i >= spec->n_choices)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s has no choice number %" PRId64), spec->name, value->i);
          return FALSE;
        }
      for (guint a = 0; a < spec->choices[value->i].n_args; a++)
        if (!check_arg (spec, &spec->choices[value->i], &spec->choices[value->i].args[a],
                        value->args[a], error))
          return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
gv_param_parse (const GvParamSpec  *spec,
                const char         *text,
                GvParamValue       *value,
                GError            **error)
{
  GvParamValue v;

  g_return_val_if_fail (spec != NULL && value != NULL, FALSE);

  if (text == NULL)
    text = "";

  gv_param_default (spec, &v);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      {
        guint64 u;

        if (!parse_uint (text, spec->name, (guint64) MAX (spec->min, 0), (guint64) spec->max,
                         &u, error))
          return FALSE;
        v.i = (gint64) u;
      }
      break;

    case GV_PARAM_DOUBLE:
      if (!parse_real (text, &v.d))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: “%s” is not a number"), spec->name, text);
          return FALSE;
        }
      break;

    case GV_PARAM_BOOL:
      if (g_str_equal (text, "true") || g_str_equal (text, "yes") || g_str_equal (text, "1"))
        v.i = 1;
      else if (g_str_equal (text, "false") || g_str_equal (text, "no") || g_str_equal (text, "0"))
        v.i = 0;
      else
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: “%s” is neither true nor false"), spec->name, text);
          return FALSE;
        }
      break;

    case GV_PARAM_CHOICE:
      {
        g_auto(GStrv) parts = g_strsplit (text, ":", -1);
        guint n_parts = g_strv_length (parts);
        gint c = n_parts > 0 ? gv_param_find_choice (spec, parts[0]) : -1;
        const GvParamChoice *choice;

        if (c < 0)
          {
            g_autofree char *list = choices_list (spec);

            g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                         _("%s: unknown value “%s”; use %s"), spec->name, text, list);
            return FALSE;
          }

        choice = &spec->choices[c];
        if (n_parts != choice->n_args + 1)
          {
            g_autofree char *usage = choice_usage (choice);

            g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                         _("%s: “%s” should be written %s"), spec->name, text, usage);
            return FALSE;
          }

        v.i = c;
        for (guint a = 0; a < choice->n_args; a++)
          {
            if (!parse_real (parts[a + 1], &v.args[a]))
              {
                g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                             _("%s: %s in “%s” is not a number"), spec->name,
                             choice->args[a].name, text);
                return FALSE;
              }
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (!gv_param_check (spec, &v, error))
    return FALSE;

  *value = v;
  return TRUE;
}

char *
gv_param_to_string (const GvParamSpec  *spec,
                    const GvParamValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (spec != NULL && value != NULL, NULL);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      return g_strdup_printf ("%" PRId64, value->i);
    case GV_PARAM_DOUBLE:
      return g_strdup (gv_format_double (buf, sizeof buf, value->d));
    case GV_PARAM_BOOL:
      return g_strdup (value->i ? "true" : "false");
    case GV_PARAM_CHOICE:
      {
        const GvParamChoice *choice;
        GString *s;

        g_return_val_if_fail (value->i >= 0 && (guint64) value->i < spec->n_choices, NULL);
        choice = &spec->choices[value->i];
        s = g_string_new (choice->id);
        for (guint a = 0; a < choice->n_args; a++)
          g_string_append_printf (s, ":%s", gv_format_double (buf, sizeof buf, value->args[a]));
        return g_string_free (s, FALSE);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gv_param_describe (const GvParamSpec  *spec,
                   const GvParamValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (spec != NULL && value != NULL, NULL);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      return g_strdup_printf ("%" PRId64, value->i);
    case GV_PARAM_DOUBLE:
      if (spec->flags & GV_PARAM_FLAG_PERCENT)
        return g_strdup_printf ("%g%%", value->d * 100.0);
      return g_strdup_printf ("%g", value->d);
    case GV_PARAM_BOOL:
      return g_strdup (value->i ? _("on") : _("off"));
    case GV_PARAM_CHOICE:
      {
        const GvParamChoice *choice = &spec->choices[CLAMP (value->i, 0, (gint64) spec->n_choices - 1)];
        GString *s = g_string_new (_(choice->label));

        for (guint a = 0; a < choice->n_args; a++)
          g_string_append_printf (s, a == 0 ? " %s = %s" : ", %s = %s", choice->args[a].name,
                                  gv_format_double (buf, sizeof buf, value->args[a]));
        return g_string_free (s, FALSE);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
gv_param_value_equal (const GvParamSpec  *spec,
                      const GvParamValue *a,
                      const GvParamValue *b)
{
  g_return_val_if_fail (spec != NULL && a != NULL && b != NULL, FALSE);

  switch (spec->type)
    {
    case GV_PARAM_INT:
    case GV_PARAM_BOOL:
      return a->i == b->i;
    case GV_PARAM_DOUBLE:
      return a->d == b->d;
    case GV_PARAM_CHOICE:
      if (a->i != b->i)
        return FALSE;
      if (a->i < 0 || (guint64) a->i >= spec->n_choices)
        return TRUE;
      for (guint k = 0; k < spec->choices[a->i].n_args; k++)
        if (a->args[k] != b->args[k])
          return FALSE;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
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

  return gv_param_parse (spec, text, &self->values[index], error);
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

double
gv_params_double (const GvParams *self,
                  guint           index)
{
  return gv_params_get_value (self, index)->d;
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
      return FALSE;

  if (self->injections->len > MIN (inj_spec->max, GV_MAX_INJECTIONS))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s allows %u injection (%s), not %u",
                                "%s allows %u injections (%s), not %u",
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

const char *
gv_topology_kind_to_string (GvTopologyKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (topology_names), NULL);
  return topology_names[kind];
}

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
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: %s", local->message);
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
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "params: %s", local->message);
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
