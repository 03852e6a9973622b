/* gv-chart.c: charts drawn into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object and its public setters and getters; gv-chart-private.h says where the
 * rest of the chart is.
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <string.h>

#include "gv-chart-private.h"

G_DEFINE_FINAL_TYPE (GvChart, gv_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_Y_UNIT,
  PROP_Y_INTEGER,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
changed (GvChart *self)
{
  self->generation++;
}

static void
gv_chart_finalize (GObject *object)
{
  GvChart *self = (GvChart *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);
  g_clear_pointer (&self->y_unit, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (gv_chart_parent_class)->finalize (object);
}

static void
gv_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GvChart *self = GV_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_X_LABEL:
      g_value_set_string (value, self->x_label);
      break;

    case PROP_Y_LABEL:
      g_value_set_string (value, self->y_label);
      break;

    case PROP_Y_UNIT:
      g_value_set_string (value, self->y_unit);
      break;

    case PROP_Y_INTEGER:
      g_value_set_boolean (value, self->y_integer);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GvChart *self = GV_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gv_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_X_LABEL:
      gv_chart_set_x_label (self, g_value_get_string (value));
      break;

    case PROP_Y_LABEL:
      gv_chart_set_y_label (self, g_value_get_string (value));
      break;

    case PROP_Y_UNIT:
      gv_chart_set_y_unit (self, g_value_get_string (value));
      break;

    case PROP_Y_INTEGER:
      gv_chart_set_y_integer (self, g_value_get_boolean (value));
      break;

    case PROP_NOTE:
      gv_chart_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_chart_class_init (GvChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gv_chart_finalize;
  object_class->get_property = gv_chart_get_property;
  object_class->set_property = gv_chart_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y_UNIT] =
    g_param_spec_string ("y-unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y_INTEGER] =
    g_param_spec_boolean ("y-integer", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gv_chart_init (GvChart *self)
{
  self->series = g_ptr_array_new_with_free_func (gv_chart_series_free);
  self->y_min = NAN;
  self->y_max = NAN;
  self->marker = NAN;
}

GvChart *
gv_chart_new (void)
{
  return g_object_new (GV_TYPE_CHART, NULL);
}

void
gv_chart_set_title (GvChart    *self,
                    const char *title)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->title, title))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

void
gv_chart_set_x_label (GvChart    *self,
                      const char *label)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->x_label, label))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_LABEL]);
    }
}

void
gv_chart_set_y_label (GvChart    *self,
                      const char *label)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->y_label, label))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LABEL]);
    }
}

void
gv_chart_set_y_range (GvChart *self,
                      double   min,
                      double   max)
{
  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (isnan (min) || isnan (max) || min < max);

  self->y_min = min;
  self->y_max = max;
  changed (self);
}

void
gv_chart_set_y_unit (GvChart    *self,
                     const char *unit)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->y_unit, unit))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_UNIT]);
    }
}

void
gv_chart_set_y_integer (GvChart  *self,
                        gboolean  integer)
{
  g_return_if_fail (GV_IS_CHART (self));

  integer = !!integer;
  if (self->y_integer != integer)
    {
      self->y_integer = integer;
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_INTEGER]);
    }
}

gboolean
gv_chart_get_y_integer (GvChart *self)
{
  g_return_val_if_fail (GV_IS_CHART (self), FALSE);

  return self->y_integer;
}

/* Removes every series; the title, labels, range, unit, integer flag, note and marker
 * stay. */
void
gv_chart_clear (GvChart *self)
{
  g_return_if_fail (GV_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  changed (self);
}

guint
gv_chart_add_series (GvChart       *self,
                     const char    *label,
                     GvSeriesStyle  style,
                     guint          color_index)
{
  g_return_val_if_fail (GV_IS_CHART (self), 0);

  return gv_chart_insert_series (self, self->series->len, label, style, color_index);
}

guint
gv_chart_insert_series (GvChart       *self,
                        guint          position,
                        const char    *label,
                        GvSeriesStyle  style,
                        guint          color_index)
{
  Series *series;

  g_return_val_if_fail (GV_IS_CHART (self), 0);
  g_return_val_if_fail (style <= GV_CHART_LEVEL, 0);

  position = MIN (position, self->series->len);
  series = g_new0 (Series, 1);
  series->label = g_strdup (label);
  series->points = g_array_new (FALSE, FALSE, sizeof (Point));
  series->style = style;
  series->color_index = color_index;
  series->sorted = TRUE;

  g_ptr_array_insert (self->series, (gint) position, series);
  changed (self);

  return position;
}

void
gv_chart_set_series_label (GvChart    *self,
                           guint       series,
                           const char *label)
{
  Series *s;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  if (set_string (&s->label, label))
    changed (self);
}

const char *
gv_chart_get_series_label (GvChart *self,
                           guint    series)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = g_ptr_array_index (self->series, series);
  return s->label;
}

GvSeriesStyle
gv_chart_get_series_style (GvChart *self,
                           guint    series)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), GV_CHART_LINE);
  g_return_val_if_fail (series < self->series->len, GV_CHART_LINE);

  s = g_ptr_array_index (self->series, series);
  return s->style;
}

void
gv_chart_set_series_key (GvChart    *self,
                         guint       series,
                         const char *key)
{
  Series *s;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  set_string (&s->key, key);
}

const char *
gv_chart_get_series_key (GvChart *self,
                         guint    series)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = g_ptr_array_index (self->series, series);
  return s->key;
}

gint
gv_chart_find_series (GvChart    *self,
                      const char *key)
{
  g_return_val_if_fail (GV_IS_CHART (self), -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *s = g_ptr_array_index (self->series, i);

      if (g_strcmp0 (s->key, key) == 0)
        return (gint) i;
    }

  return -1;
}

void
gv_chart_append (GvChart *self,
                 guint    series,
                 double   x,
                 double   y)
{
  Series *s;
  Point p = { x, y };

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  if (s->points->len > 0 && x < g_array_index (s->points, Point, s->points->len - 1).x)
    s->sorted = FALSE;

  g_array_append_val (s->points, p);
  changed (self);
}

void
gv_chart_set_points (GvChart      *self,
                     guint         series,
                     const double *xs,
                     const double *ys,
                     guint         n_points)
{
  Series *s;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (n_points == 0 || (xs != NULL && ys != NULL));

  s = g_ptr_array_index (self->series, series);
  g_array_set_size (s->points, n_points);
  s->sorted = TRUE;

  for (guint i = 0; i < n_points; i++)
    {
      Point *p = &g_array_index (s->points, Point, i);

      p->x = xs[i];
      p->y = ys[i];
      if (i > 0 && xs[i] < xs[i - 1])
        s->sorted = FALSE;
    }

  changed (self);
}

guint
gv_chart_get_n_series (GvChart *self)
{
  g_return_val_if_fail (GV_IS_CHART (self), 0);

  return self->series->len;
}

guint
gv_chart_get_n_points (GvChart *self,
                       guint    series)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  s = g_ptr_array_index (self->series, series);
  return s->points->len;
}

void
gv_chart_get_point (GvChart *self,
                    guint    series,
                    guint    index,
                    double  *x,
                    double  *y)
{
  const Series *s;
  const Point *p;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  g_return_if_fail (index < s->points->len);

  p = &g_array_index (s->points, Point, index);
  if (x != NULL)
    *x = p->x;
  if (y != NULL)
    *y = p->y;
}

gboolean
gv_chart_get_value (GvChart *self,
                    guint    series,
                    double   x,
                    double  *y)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  /* The points in the order they came, from the last: what a sort would keep. */
  s = g_ptr_array_index (self->series, series);
  for (guint i = s->points->len; i > 0; i--)
    {
      const Point *p = &g_array_index (s->points, Point, i - 1);

      if (p->x == x)
        {
          if (!isfinite (p->y))
            return FALSE;
          if (y != NULL)
            *y = p->y;
          return TRUE;
        }
    }

  return FALSE;
}

void
gv_chart_set_marker (GvChart *self,
                     double   x)
{
  g_return_if_fail (GV_IS_CHART (self));

  /* Only the layers draw the marker; the cached geometry does not depend on it. */
  self->marker = x;
}

void
gv_chart_set_note (GvChart    *self,
                   const char *note)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->note, note))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
}

const char *
gv_chart_get_note (GvChart *self)
{
  g_return_val_if_fail (GV_IS_CHART (self), NULL);

  return self->note;
}

const char *
gv_chart_get_title (GvChart *self)
{
  g_return_val_if_fail (GV_IS_CHART (self), NULL);

  return self->title;
}
