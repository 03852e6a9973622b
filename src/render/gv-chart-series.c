/* gv-chart-series.c: the points of each series, stacked bars and the extents of the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <string.h>

#include "gv-chart-private.h"

void
gv_chart_series_free (gpointer data)
{
  Series *series = data;

  g_clear_pointer (&series->label, g_free);
  g_clear_pointer (&series->key, g_free);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

GvColor
gv_chart_series_color (const GvPalette *palette,
                       const Series    *series)
{
  if (series->color_index & GV_CHART_COLOR_OUTCOME (0))
    return gv_palette_outcome_color (palette, series->color_index & 0xff);

  return palette->series[series->color_index % GV_PALETTE_N_SERIES];
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *pa = a;
  const Point *pb = b;

  return (pa->x > pb->x) - (pa->x < pb->x);
}

void
gv_chart_series_sort (Series *series)
{
  if (series->sorted)
    return;

  /* g_array_sort is stable, so the last of several points at one x still wins. */
  g_array_sort (series->points, compare_points);
  series->sorted = TRUE;
}

static int
compare_bar_pieces (gconstpointer a,
                    gconstpointer b)
{
  const BarPiece *pa = a;
  const BarPiece *pb = b;

  if (pa->x != pb->x)
    return (pa->x > pb->x) - (pa->x < pb->x);

  return (pa->series > pb->series) - (pa->series < pb->series);
}

/* Stacks the bar series in the order they were added: positive values upwards from 0,
 * negative ones downwards, each x on its own. */
GArray *
gv_chart_collect_bars (GvChart *self)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (BarPiece));
  double up = 0.0;
  double down = 0.0;
  double x = NAN;

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);

      if (series->style != GV_CHART_BARS)
        continue;

      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);
          BarPiece piece = { p->x, 0.0, p->y, s };

          if (isfinite (p->x) && isfinite (p->y))
            g_array_append_val (bars, piece);
        }
    }

  g_array_sort (bars, compare_bar_pieces);

  for (guint i = 0; i < bars->len; i++)
    {
      BarPiece *piece = &g_array_index (bars, BarPiece, i);
      double value = piece->hi;

      if (piece->x != x)
        {
          x = piece->x;
          up = down = 0.0;
        }

      if (value >= 0.0)
        {
          piece->lo = up;
          piece->hi = up += value;
        }
      else
        {
          piece->hi = down;
          piece->lo = down += value;
        }
    }

  return bars;
}

gboolean
gv_chart_series_has_data (const Series *series)
{
  for (guint i = 0; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      if (isfinite (p->x) && isfinite (p->y))
        return TRUE;
    }

  return FALSE;
}

Extents
gv_chart_compute_extents (GvChart      *self,
                          const GArray *bars)
{
  Extents ext = { TRUE, INFINITY, -INFINITY, INFINITY, -INFINITY, 0.0 };

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);

          if (!isfinite (p->x) || !isfinite (p->y))
            continue;

          ext.empty = FALSE;

          /* A level says where a curve ends up, not when: it spans whatever else is
           * shown. */
          if (series->style != GV_CHART_LEVEL)
            {
              ext.x_min = MIN (ext.x_min, p->x);
              ext.x_max = MAX (ext.x_max, p->x);
            }

          if (series->style != GV_CHART_BARS)
            {
              ext.y_min = MIN (ext.y_min, p->y);
              ext.y_max = MAX (ext.y_max, p->y);
            }
        }
    }

  for (guint i = 0; i < bars->len; i++)
    {
      const BarPiece *piece = &g_array_index (bars, BarPiece, i);

      ext.y_min = MIN (ext.y_min, piece->lo);
      ext.y_max = MAX (ext.y_max, piece->hi);

      if (i > 0)
        {
          double dx = piece->x - g_array_index (bars, BarPiece, i - 1).x;

          if (dx > 0.0 && (ext.bar_step == 0.0 || dx < ext.bar_step))
            ext.bar_step = dx;
        }
    }

  if (bars->len > 0 && ext.bar_step == 0.0)
    ext.bar_step = 1.0;

  return ext;
}

gboolean
gv_chart_series_level (const Series *series,
                       double       *y)
{
  for (guint i = series->points->len; i > 0; i--)
    {
      const Point *p = &g_array_index (series->points, Point, i - 1);

      if (isfinite (p->x) && isfinite (p->y))
        {
          *y = p->y;
          return TRUE;
        }
    }

  return FALSE;
}

/* The y of @series at @x, if it has a point there; a level has one everywhere. */
gboolean
gv_chart_series_value_at (const Series *series,
                          double        x,
                          double       *y)
{
  guint lo = 0;
  guint hi = series->points->len;

  g_assert (series->sorted);

  if (series->style == GV_CHART_LEVEL)
    return gv_chart_series_level (series, y);

  /* The last point with p.x <= x. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (series->points, Point, mid).x <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return FALSE;

  {
    const Point *p = &g_array_index (series->points, Point, lo - 1);

    if (p->x != x || !isfinite (p->y))
      return FALSE;

    *y = p->y;
    return TRUE;
  }
}

/* The x of @series' point nearest to @x, skipping points without a value. */
gboolean
gv_chart_series_nearest_x (const Series *series,
                           double        x,
                           double       *nearest)
{
  guint lo = 0;
  guint hi = series->points->len;
  gboolean found = FALSE;

  g_assert (series->sorted);

  /* A level has no x of its own to snap to. */
  if (series->style == GV_CHART_LEVEL)
    return FALSE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (series->points, Point, mid).x < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* lo is the first point at or after x: look both ways for one with a value. */
  for (guint i = lo; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      if (isfinite (p->x) && isfinite (p->y))
        {
          *nearest = p->x;
          found = TRUE;
          break;
        }
    }

  for (guint i = lo; i > 0; i--)
    {
      const Point *p = &g_array_index (series->points, Point, i - 1);

      if (isfinite (p->x) && isfinite (p->y))
        {
          if (!found || x - p->x < *nearest - x)
            *nearest = p->x;
          found = TRUE;
          break;
        }
    }

  return found;
}
