/* gv-chart-axis.c: nice ticks, how numbers are written, and the layout of both axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <string.h>

#include "gv-chart-private.h"

static void
nice_number (double    x,
             gboolean  nearest,
             int      *mantissa,
             int      *exponent)
{
  int e = (int) floor (log10 (x));
  double f = x / pow (10.0, e);
  int m;

  if (nearest)
    m = f < 1.5 ? 1 : f < 3.0 ? 2 : f < 7.0 ? 5 : 10;
  else
    m = f <= 1.0 + 1e-9 ? 1 : f <= 2.0 + 1e-9 ? 2 : f <= 5.0 + 1e-9 ? 5 : 10;

  if (m == 10)
    {
      m = 1;
      e++;
    }

  *mantissa = m;
  *exponent = e;
}

/* k × m × 10^e, dividing by an exact power of ten rather than multiplying by an inexact
 * one, so that 3 × 0.1 comes out as 0.3. */
static double
scaled (double k,
        int    m,
        int    e)
{
  if (e >= 0)
    return k * m * pow (10.0, e);
  else
    return k * m / pow (10.0, -e);
}

static NumberFormat
number_format_for_ticks (const double *ticks,
                         guint         n_ticks)
{
  NumberFormat format = { 1.0, "", 0 };
  double largest = 0.0;
  double step;
  int m, e;

  for (guint i = 0; i < n_ticks; i++)
    largest = MAX (largest, fabs (ticks[i]));

  /* "12k" reads faster than "12000", but "2000" is still fine as it is. */
  if (largest >= 1e9)
    format.divisor = 1e9, format.suffix = "G";
  else if (largest >= 1e6)
    format.divisor = 1e6, format.suffix = "M";
  else if (largest >= 1e4)
    format.divisor = 1e3, format.suffix = "k";

  if (n_ticks < 2)
    return format;

  step = fabs (ticks[1] - ticks[0]) / format.divisor;
  if (!(step > 0.0) || !isfinite (step))
    return format;

  nice_number (step, TRUE, &m, &e);
  format.decimals = CLAMP (-e, 0, 9);
  return format;
}

static char *
append_unit (char       *number,
             const char *unit)
{
  g_autofree char *owned = number;

  if (is_blank (unit))
    return g_steal_pointer (&owned);

  /* "50%", but "50 msg". */
  if (g_unichar_isalpha (g_utf8_get_char (unit)))
    return g_strconcat (owned, " ", unit, NULL);
  else
    return g_strconcat (owned, unit, NULL);
}

char *
gv_chart_format_number (double              value,
                        const NumberFormat *format,
                        const char         *unit)
{
  g_autofree char *digits = NULL;
  double v = value / format->divisor;

  if (!isfinite (value))
    return g_strdup ("–");

  digits = g_strdup_printf ("%.*f", format->decimals, fabs (v));

  /* No "−0" from rounding, and no "0.0k" for a plain zero. */
  if (strspn (digits, "0.,") == strlen (digits))
    return append_unit (g_strdup (format->divisor > 1.0 ? "0" : digits), unit);

  /* A real minus sign, as wide as the plus and the digits. */
  return append_unit (g_strconcat (v < 0 ? "−" : "", digits, format->suffix, NULL), unit);
}

/* A value in the read-out: as precise as a person can use. */
char *
gv_chart_format_readout (double      value,
                         const char *unit)
{
  NumberFormat format = { 1.0, "", 0 };
  double a = fabs (value);

  if (a >= 1e9)
    format.divisor = 1e9, format.suffix = "G";
  else if (a >= 1e6)
    format.divisor = 1e6, format.suffix = "M";
  else if (a >= 1e4)
    format.divisor = 1e3, format.suffix = "k";

  a /= format.divisor;
  if (format.divisor > 1.0)
    format.decimals = a >= 100.0 ? 0 : a >= 10.0 ? 1 : 2;
  else if (fabs (a - round (a)) < 1e-9 || a >= 100.0)
    format.decimals = 0;
  else if (a >= 10.0)
    format.decimals = 1;
  else if (a >= 1.0)
    format.decimals = 2;
  else
    format.decimals = 3;

  return gv_chart_format_number (value, &format, unit);
}

static guint
filter_ticks (double *ticks,
              guint   n_ticks,
              double  min,
              double  max)
{
  double eps = (max - min) * 1e-9;
  guint n = 0;

  for (guint i = 0; i < n_ticks; i++)
    if (ticks[i] >= min - eps && ticks[i] <= max + eps)
      ticks[n++] = ticks[i];

  return n;
}

/* Rounds are integers, so the x axis never has a tick between two of them. */
static guint
round_ticks (double  min,
             double  max,
             guint   target,
             double *ticks)
{
  guint n = gv_nice_ticks (min, max, target, ticks, MAX_TICKS);

  if (n >= 2 && ticks[1] - ticks[0] < 1.0)
    {
      n = 0;
      for (double k = ceil (min); k <= floor (max) && n < MAX_TICKS; k++)
        ticks[n++] = k;
      return n;
    }

  return filter_ticks (ticks, n, min, max);
}

/* Nice ticks for the y axis; for counts, never a step under one: a count is whole, and
 * "0.5 messages" would be a tick for something that cannot happen. */
static guint
y_ticks (double    lo,
         double    hi,
         guint     target,
         gboolean  integer,
         double   *ticks)
{
  guint n = gv_nice_ticks (lo, hi, target, ticks, MAX_TICKS);

  if (integer && n >= 2 && ticks[1] - ticks[0] < 1.0)
    {
      n = 0;
      for (double k = floor (lo); k <= ceil (hi) && n < MAX_TICKS; k++)
        ticks[n++] = k;
    }

  return n;
}

void
gv_chart_layout_y_axis (GvChart       *self,
                        Frame         *frame,
                        const Extents *ext,
                        double         height)
{
  Geometry *g = &frame->geometry;
  gboolean fixed_min = isfinite (self->y_min);
  gboolean fixed_max = isfinite (self->y_max);
  guint target = (guint) CLAMP (floor (height / Y_TICK_SPACING) + 1.0, 2, 10);
  double ticks[MAX_TICKS];
  NumberFormat format;
  double lo = 0.0;
  double hi = 1.0;
  guint n;

  /* Counts and percentages read best against a zero baseline. */
  if (!ext->empty)
    {
      lo = MIN (0.0, ext->y_min);
      hi = MAX (0.0, ext->y_max);
    }

  if (fixed_min)
    lo = self->y_min;
  if (fixed_max)
    hi = self->y_max;
  if (!(hi > lo))
    hi = lo + (lo == 0.0 ? 1.0 : fabs (lo));

  /* As many ticks as fit: steps only come as 1, 2 or 5, so try each count. */
  for (;; target--)
    {
      n = y_ticks (lo, hi, target, self->y_integer, ticks);
      g->y_min = fixed_min || n < 2 ? lo : ticks[0];
      g->y_max = fixed_max || n < 2 ? hi : ticks[n - 1];

      if (n < 2 || target <= 2 ||
          (ticks[1] - ticks[0]) / (g->y_max - g->y_min) * height >= Y_TICK_SPACING)
        break;
    }
  n = filter_ticks (ticks, n, g->y_min, g->y_max);

  format = number_format_for_ticks (ticks, n);
  g->n_y_ticks = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = gv_chart_format_number (ticks[i], &format, self->y_unit);

      g->y_ticks[i] = ticks[i];
      gv_chart_text_init (&frame->y_tick_labels[i], frame->context, FONT_TEXT, label);
      gv_chart_text_set_tabular (&frame->y_tick_labels[i]);
    }
}

/* The x ticks for a plot @width pixels wide: as many as fit without labels touching. */
void
gv_chart_layout_x_axis (Frame  *frame,
                        double  width)
{
  Geometry *g = &frame->geometry;
  guint target = (guint) CLAMP (floor (width / X_TICK_SPACING) + 1.0, 2, 12);

  for (;;)
    {
      double ticks[MAX_TICKS];
      NumberFormat format;
      double widest = 0.0;
      guint n = round_ticks (g->x_min, g->x_max, target, ticks);

      for (guint i = 0; i < MAX_TICKS; i++)
        gv_chart_text_clear (&frame->x_tick_labels[i]);

      format = number_format_for_ticks (ticks, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *label = gv_chart_format_number (ticks[i], &format, NULL);

          g->x_ticks[i] = ticks[i];
          gv_chart_text_init (&frame->x_tick_labels[i], frame->context, FONT_TEXT, label);
          gv_chart_text_set_tabular (&frame->x_tick_labels[i]);
          widest = MAX (widest, frame->x_tick_labels[i].width);
        }
      g->n_x_ticks = n;

      if (n < 2 || target <= 2 ||
          (ticks[1] - ticks[0]) / (g->x_max - g->x_min) * width >=
          MAX (widest + X_LABEL_SPACING, X_TICK_SPACING))
        break;

      target--;
    }
}

guint
gv_nice_ticks (double  min,
               double  max,
               guint   target,
               double *ticks,
               guint   max_ticks)
{
  double range, lo_k, hi_k;
  int m, e;

  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (!isfinite (min) || !isfinite (max) || max_ticks < 2)
    return 0;

  if (min > max)
    {
      double t = min;

      min = max;
      max = t;
    }

  /* A single value still gets an axis around it. */
  if (min == max)
    {
      double pad = min == 0.0 ? 1.0 : fabs (min) / 10.0;

      if (min - pad == min || max + pad == max)
        {
          ticks[0] = min;
          return 1;
        }
      min -= min == 0.0 ? 0.0 : pad;
      max += pad;
    }

  range = max - min;
  if (!isfinite (range))
    return 0;

  target = MAX (target, 2);
  nice_number (range, FALSE, &m, &e);
  nice_number (scaled (1.0, m, e) / (target - 1), TRUE, &m, &e);

  for (;;)
    {
      double step = scaled (1.0, m, e);
      double n;

      /* The slack absorbs rounding in min / step, as in 0.3 / 0.1. */
      lo_k = floor (min / step + 1e-9);
      hi_k = ceil (max / step - 1e-9);
      n = hi_k - lo_k + 1.0;

      if (n <= max_ticks)
        break;

      /* Too many: the next nice step, 1 -> 2 -> 5 -> 10. */
      if (m == 1)
        m = 2;
      else if (m == 2)
        m = 5;
      else
        m = 1, e++;
    }

  for (guint i = 0; lo_k + i <= hi_k; i++)
    ticks[i] = scaled (lo_k + i, m, e);

  return (guint) (hi_k - lo_k) + 1;
}
