/* gv-param.c: the values of one declared parameter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing, checking, writing and describing a value of a GvParamSpec: what the CLI,
 * run files, settings and the sidebar all go through.
 */

#define G_LOG_DOMAIN "gv-params"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "gv-error.h"
#include "gv-params.h"

/* A finite number as the CLI and files write one. */
static gboolean
parse_real (const char  *text,
            double      *out)
{
  double v;

  if (!gv_parse_decimal (text, &v) || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

gboolean
gv_parse_decimal (const char *text,
                  double     *out)
{
  char *end = NULL;
  double v;

  g_return_val_if_fail (out != NULL, FALSE);

  /* g_ascii_strtod() would also take leading spaces, hex, "nan" and "inf". */
  if (text == NULL || *text == '\0' || strspn (text, "0123456789.eE+-") != strlen (text))
    return FALSE;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
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

char *
gv_param_choice_usage (const GvParamChoice *choice)
{
  GString *s;

  g_return_val_if_fail (choice != NULL, NULL);

  s = g_string_new (choice->id);

  for (guint a = 0; a < choice->n_args; a++)
    g_string_append_printf (s, ":%s", choice->args[a].name);
  return g_string_free (s, FALSE);
}

char *
gv_param_choices_list (const GvParamSpec *spec)
{
  GString *s;

  g_return_val_if_fail (spec != NULL, NULL);

  s = g_string_new (NULL);
  for (guint c = 0; c < spec->n_choices; c++)
    {
      g_autofree char *usage = gv_param_choice_usage (&spec->choices[c]);

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
                       _("must be a whole number from %" PRId64 " to %" PRId64 ", not %" PRId64),
                       spec->min, spec->max, value->i);
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_DOUBLE:
      if (!(value->d >= spec->dmin && value->d <= spec->dmax))
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
          char at[G_ASCII_DTOSTR_BUF_SIZE];

          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("must be from %s to %s, not %s"),
                       gv_format_double (lo, sizeof lo, spec->dmin),
                       gv_format_double (hi, sizeof hi, spec->dmax),
                       gv_format_double (at, sizeof at, value->d));
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_BOOL:
      if (value->i != 0 && value->i != 1)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("must be true or false"));
          return FALSE;
        }
      return TRUE;

    case GV_PARAM_CHOICE:
      if (value->i < 0 || (guint64) value->i >= spec->n_choices)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("there is no choice number %" PRId64), value->i);
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
        gint64 i;

        /* Signed only where the range goes below zero: "+3" and "-0" stay refused. */
        if (*text == '\0' || (spec->min >= 0 && !g_ascii_isdigit (*text)) ||
            (spec->min < 0 && !g_ascii_isdigit (*text) && *text != '-') ||
            !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &i, NULL))
          {
            g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                         _("“%s” is not a whole number"), text);
            return FALSE;
          }
        v.i = i;
      }
      break;

    case GV_PARAM_DOUBLE:
      if (!parse_real (text, &v.d))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("“%s” is not a number"), text);
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
                       _("“%s” is neither true nor false"), text);
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
            g_autofree char *list = gv_param_choices_list (spec);

            g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                         _("unknown value “%s”; use %s"), text, list);
            return FALSE;
          }

        choice = &spec->choices[c];
        if (n_parts != choice->n_args + 1)
          {
            g_autofree char *usage = gv_param_choice_usage (choice);

            g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                         _("“%s” should be written %s"), text, usage);
            return FALSE;
          }

        v.i = c;
        for (guint a = 0; a < choice->n_args; a++)
          {
            if (!parse_real (parts[a + 1], &v.args[a]))
              {
                g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                             _("%s in “%s” is not a number"), choice->args[a].name, text);
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
        const GvParamChoice *choice = &spec->choices[CLAMP (value->i, 0,
                                                            (gint64) spec->n_choices - 1)];
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
