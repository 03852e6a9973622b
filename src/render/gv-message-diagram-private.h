/* gv-message-diagram-private.h: what the message timeline's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gv-message-diagram.c       the layout, the rows and their breaks, the arrows, and
 *                              what the picture is asked (hit test, places);
 *   gv-message-diagram-draw.c  the picture: marks, colours, the cairo-path back end, the
 *                              rows, text, axis and cursor;
 *   gv-message-spans.c         the back end for image surfaces.
 *
 * A frame of 64 rows × 200 rounds holds some 25,000 arrows, each a near-vertical line a
 * few hundred pixels long.  Lines drawn pixel by pixel (Wu's, or cairo's scan converter)
 * cost several times the frame budget there, and most of that ink lands on ink already
 * drawn.  The image back end instead cuts every mark into vertical runs of one pixel
 * column ("spans": a near-vertical line is a handful), painted straight into the
 * pixels.  Spans belong to layers (an outcome in one tone):
 *   - in a crisp frame (a dense one), spans come from the top layer down, and a bitmap
 *     of the pixels already painted lets each take only what is still free, 64 rows a
 *     step, so that each pixel is written once however much ink lies on it;
 *   - in a smooth one (few enough arrows to tell apart), spans are anti-aliased and
 *     blended from the bottom layer up.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "gv-chart-private.h"
#include "gv-message-diagram.h"
#include "gv-palette.h"
#include "gv-raster.h"

G_BEGIN_DECLS

/* ---- Spans --------------------------------------------------------------------------- */

/* An outcome in each of four tones. */
#define GV_SPANS_MAX_LAYERS 20

typedef struct
{
  GvRaster  raster;
  /* Crisp: marks are whole pixels of opaque colours, for frames too dense for
   * anti-aliasing to show, each pixel painted by the first mark that covers it: the
   * caller gives them from the top layer down.  Smooth: lines are anti-aliased as Wu's
   * are, and each mark is blended over the ones before: the caller gives them from the
   * bottom layer up. */
  gboolean  crisp;
  guint64  *painted;  /* crisp: a bit a pixel already painted, by column */
  guint     words;    /* in a column of @painted */
  guint32   colors[GV_SPANS_MAX_LAYERS];  /* premultiplied ARGB */
} GvSpans;

void  gv_spans_init      (GvSpans        *spans,
                          const GvRaster *raster,
                          gboolean        crisp);
void  gv_spans_clear     (GvSpans        *spans);
void  gv_spans_set_color (GvSpans        *spans,
                          guint           layer,
                          GvColor         color);
/* A line one device pixel wide, in user coordinates. */
void  gv_spans_line      (GvSpans        *spans,
                          guint           layer,
                          double          x0,
                          double          y0,
                          double          x1,
                          double          y1);
/* A filled triangle, in user coordinates. */
void  gv_spans_triangle  (GvSpans        *spans,
                          guint           layer,
                          const double    xy[6]);

/* ---- The layout and the arrows ------------------------------------------------------- */

/* Sizes in pixels at 96 dpi. */
#define MARGIN         6.0
#define LABEL_GAP      6.0    /* between a row's label and the plot */
#define TICK_LENGTH    3.0
#define NUMBER_GAP     2.0    /* between a round's tick and its label */
#define LABEL_SPACING  1.1    /* least distance between two row labels, in label heights */

#define N_OUTCOMES (GV_MESSAGE_REQUEST + 1)

/* The order in which outcomes are drawn, each over the ones before. */
extern const GvMessageOutcome gv_diagram_outcome_order[N_OUTCOMES];

/* How an arrow stands out, from the faintest: an off-row arrow of a message the focus
 * does not concern, such a message, an off-row arrow, and a message drawn in full.
 * With no focus, every message is the last two. */
typedef enum
{
  TONE_DIM_OFF_ROW,
  TONE_DIM,
  TONE_OFF_ROW,
  TONE_FULL,
  N_TONES
} Tone;

G_STATIC_ASSERT (N_TONES * N_OUTCOMES == GV_SPANS_MAX_LAYERS);

typedef enum
{
  SHAPE_FULL,       /* sender to receiver */
  SHAPE_LOST,       /* to half way, then a short drop */
  SHAPE_DEAD,       /* to a cross short of the receiver's row */
  SHAPE_OFF_ROW_OUT,   /* a short arrow away from the sender: the receiver is not shown */
  SHAPE_OFF_ROW_IN,    /* a short arrow into the receiver: the sender is not shown */
} Shape;

typedef struct
{
  float   x0, y0, x1, y1;  /* the main line */
  guint32 round;
  guint32 index;           /* in the round's record */
  guint8  layer;           /* tone × N_OUTCOMES + place in gv_diagram_outcome_order */
  guint8  shape;
  guint8  hollow;          /* a request: dashed, with an open head */
} Arrow;

/* Node to row, by open addressing in a table four times the rows. */
#define MAP_SIZE (4 * GV_MESSAGE_DIAGRAM_MAX_ROWS)

typedef struct
{
  guint    n;
  guint32  nodes[GV_MESSAGE_DIAGRAM_MAX_ROWS];
  gboolean identity;       /* row i is node i */
  guint32  keys[MAP_SIZE];
  gint16   slots[MAP_SIZE];  /* a row, or -1 for an empty slot */
} Rows;

typedef struct
{
  double        width, height;
  double        left, top, right, bottom;  /* the plot */
  double        col_w, row_h;
  gboolean      has_rounds;
  guint         first, last;               /* the rounds shown */
  Rows          rows;
  /* The middle of each row, through the middle of a pixel, so that its line is crisp. */
  double        row_y[GV_MESSAGE_DIAGRAM_MAX_ROWS];
  int           focus_row;                 /* -1 for none */
  /* The marks, by the size of a row and a column. */
  double        head_len, head_half, drop, cross, dead_gap, off_row_dx, off_row_dy;
  /* Text, set again for each label: a layout a font, made once a frame. */
  PangoContext *context;
  Text          plain;
  Text          bold;
  double        label_w, label_h;
  double        axis_w;                    /* "Round" */
  double        tick_w, tick_h;
  guint         label_step;                /* a label every this many rows */
} Layout;

static inline double
gv_diagram_x (const Layout *L,
              double        time)
{
  return L->left + (time - (L->first - 1.0)) * L->col_w;
}

static inline double
gv_diagram_y (const Layout *L,
              guint         row)
{
  return L->row_y[row];
}

/* The layout of @d in width × height, with its rows, rounds and text; cleared with
 * gv_diagram_layout_clear (). */
void     gv_diagram_layout_init   (Layout                 *L,
                                   const GvMessageDiagram *d,
                                   double                  width,
                                   double                  height);
void     gv_diagram_layout_clear  (Layout                 *L);
/* The arrows of every round shown, round by round, each round's in its record's order. */
GArray  *gv_diagram_layout_arrows (const Layout           *L,
                                   const GvMessageDiagram *d);
/* Who is down in each round shown: bit i of down[r - L->first] for row i. */
void     gv_diagram_rows_down     (const Layout           *L,
                                   const GvMessageDiagram *d,
                                   guint64                *down);
/* @text says @string now, measured. */
Text    *gv_diagram_text_set      (Text                   *text,
                                   const char             *string);
char    *gv_diagram_row_label     (guint32                 node);

G_END_DECLS
