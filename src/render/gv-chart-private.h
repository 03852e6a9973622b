/* gv-chart-private.h: what the files of GvChart share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart goes series -> axes -> layers -> legend -> read-out, a file each:
 *   gv-chart.c          the object and its public setters and getters;
 *   gv-chart-series.c   the points of each series, stacking bars, the data's extents;
 *   gv-chart-axis.c     nice ticks, how numbers are written, the two axes' layout;
 *   gv-chart-layout.c   text, the header and legend, and the frame that places it all;
 *   gv-chart-layers.c   drawing: grid, axes, bars, lines, marker, text, the whole chart;
 *   gv-chart-readout.c  the hit test and the hover read-out.
 *
 * A draw builds a frame: the data extents, the plot rectangle, the ticks and every piece
 * of text already measured and placed.  The layers then only map data to pixels.  Text is
 * measured in a Pango context of our own, with hinting off and unrounded glyph positions
 * at 96 dpi, so that the frame (and so the picture) is the same on an image, SVG or PDF
 * surface, and so that a hit test can compute it without any cairo_t at all.
 */

#pragma once

#include <math.h>
#include <pango/pangocairo.h>

#include "gv-chart.h"
#include "gv-raster.h"

G_BEGIN_DECLS

/* Sizes in pixels at 96 dpi. */
#define PADDING          16.0   /* around the whole chart */
#define TITLE_GAP         8.0   /* under the title */
#define LEGEND_GAP_X     18.0   /* between legend items */
#define LEGEND_GAP_Y      4.0   /* between legend rows */
#define NOTE_GAP          4.0   /* above the note */
#define HEADER_GAP       12.0   /* between the header and the top tick label */
#define SWATCH_LINE      18.0   /* width of a line sample */
#define SWATCH_BOX       10.0   /* side of a bar sample */
#define SWATCH_GAP        6.0   /* between a sample and its label */
#define TICK_GAP          6.0   /* between an axis and its tick labels */
#define AXIS_LABEL_GAP    6.0   /* between tick labels and the axis label */
#define Y_TICK_SPACING   32.0   /* least distance between y ticks */
#define X_TICK_SPACING   56.0   /* least distance between x ticks */
#define X_LABEL_SPACING  16.0   /* least room between two x tick labels */
#define LINE_WIDTH        2.0
#define DASHED_WIDTH      1.5
#define MARKER_RADIUS     2.5
#define MARKER_SPACING    6.0   /* markers only when points are at least this far apart */
#define BAR_FRACTION      0.7   /* of one x step */
#define MARKER_WIDTH      2.0   /* the current-round marker */
#define MARKER_CAP        4.0   /* half the width of the triangle on it */
#define READOUT_PADDING   8.0
#define READOUT_OFFSET   12.0   /* from the hover line */
#define READOUT_MARGIN    4.0   /* least distance to the chart's edges */
#define READOUT_RADIUS    6.0

#define FONT_TEXT   "Sans 9"
#define FONT_TITLE  "Sans Bold 10"
#define FONT_BOLD   "Sans Bold 9"
#define FONT_NOTE   "Sans Italic 9"
#define FONT_EMPTY  "Sans 10"

#define MAX_TICKS 32

typedef struct
{
  double x, y;
} Point;

typedef struct
{
  char          *label;
  char          *key;          /* the caller's name for it, or NULL */
  GArray        *points;       /* Point */
  GvSeriesStyle  style;
  guint          color_index;
  gboolean       sorted;       /* by x */
} Series;

/* One component of a stacked bar, in data units. */
typedef struct
{
  double x;
  double lo, hi;
  guint  series;
} BarPiece;

/* Everything a hit test needs; cheap to keep between calls. */
typedef struct
{
  gboolean valid;
  guint    generation;
  double   width, height;
  double   left, top, right, bottom;  /* the plot area, in chart pixels */
  double   x_min, x_max;              /* what the plot area shows */
  double   y_min, y_max;
  double   bar_width;                 /* in x units */
  gboolean empty;
  guint    n_x_ticks, n_y_ticks;
  double   x_ticks[MAX_TICKS];
  double   y_ticks[MAX_TICKS];
} Geometry;

typedef struct
{
  PangoLayout *layout;
  double       x, y;                  /* top left of the logical rectangle */
  double       width, height;
} Text;

/* A legend entry, or a row of the read-out. */
typedef struct
{
  Text   text;
  guint  series;
  double swatch_x, swatch_y;          /* left and vertical middle of the sample */
} LegendItem;

typedef struct
{
  Geometry      geometry;
  PangoContext *context;
  GArray       *bars;                 /* BarPiece, sorted by x then stacking order */
  Text          title;
  Text          note;
  Text          x_label;
  Text          y_label;              /* drawn rotated; x, y are its unrotated box */
  Text          x_tick_labels[MAX_TICKS];
  Text          y_tick_labels[MAX_TICKS];
  GArray       *legend;               /* LegendItem */
} Frame;

typedef struct
{
  gboolean empty;
  double   x_min, x_max;      /* infinite when only levels have data */
  double   y_min, y_max;
  double   bar_step;          /* least distance between two bar positions; 0 for none */
} Extents;

/* How a set of tick values is written: the suffix for thousands or millions and the
 * number of decimals that tells the ticks apart. */
typedef struct
{
  double      divisor;
  const char *suffix;
  int         decimals;
} NumberFormat;

struct _GvChart
{
  GObject    parent_instance;

  GPtrArray *series;                  /* Series */
  char      *title;
  char      *x_label;
  char      *y_label;
  char      *y_unit;
  gboolean   y_integer;               /* the y ticks only at whole numbers */
  char      *note;
  double     y_min;
  double     y_max;
  double     marker;

  /* Bumped by every change that the geometry depends on (all but the marker's), so a
   * cached geometry knows when it is stale. */
  guint      generation;
  Geometry   cache;
};

static inline gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* A one-pixel line is crisp when it runs through the middle of a pixel. */
static inline double
crisp (double v)
{
  return floor (v) + 0.5;
}

static inline double
x_to_px (const Geometry *g,
         double          x)
{
  return g->left + (x - g->x_min) / (g->x_max - g->x_min) * (g->right - g->left);
}

static inline double
y_to_px (const Geometry *g,
         double          y)
{
  return g->bottom - (y - g->y_min) / (g->y_max - g->y_min) * (g->bottom - g->top);
}

/* gv-chart-series.c */
void            gv_chart_series_free       (gpointer            data);
void            gv_chart_series_sort       (Series             *series);
GvColor         gv_chart_series_color      (const GvPalette    *palette,
                                            const Series       *series);
gboolean        gv_chart_series_has_data   (const Series       *series);
gboolean        gv_chart_series_value_at   (const Series       *series,
                                            double              x,
                                            double             *y);
gboolean        gv_chart_series_nearest_x  (const Series       *series,
                                            double              x,
                                            double             *nearest);
/* The y a level series stands at: its last finite point's. */
gboolean        gv_chart_series_level      (const Series       *series,
                                            double             *y);
GArray         *gv_chart_collect_bars      (GvChart            *self);
Extents         gv_chart_compute_extents   (GvChart            *self,
                                            const GArray       *bars);

/* gv-chart-axis.c */
char           *gv_chart_format_number     (double              value,
                                            const NumberFormat *format,
                                            const char         *unit);
char           *gv_chart_format_readout    (double              value,
                                            const char         *unit);
void            gv_chart_layout_y_axis     (GvChart            *self,
                                            Frame              *frame,
                                            const Extents      *ext,
                                            double              height);
void            gv_chart_layout_x_axis     (Frame              *frame,
                                            double              width);

/* gv-chart-layout.c */
PangoContext   *gv_chart_create_context    (void);
void            gv_chart_text_init         (Text               *text,
                                            PangoContext       *context,
                                            const char         *font,
                                            const char         *string);
void            gv_chart_text_limit        (Text               *text,
                                            double              width,
                                            int                 lines);
void            gv_chart_text_set_tabular  (Text               *text);
void            gv_chart_text_clear        (Text               *text);
void            gv_chart_text_draw         (const Text         *text,
                                            cairo_t            *cr);
void            gv_chart_legend_item_clear (gpointer            data);
void            gv_chart_frame_build       (GvChart            *self,
                                            double              width,
                                            double              height,
                                            Frame              *frame);
void            gv_chart_frame_clear       (Frame              *frame);
const Geometry *gv_chart_geometry          (GvChart            *self,
                                            double              width,
                                            double              height);

G_END_DECLS
