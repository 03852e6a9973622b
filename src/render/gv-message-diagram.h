/* gv-message-diagram.h: the message timeline, a space-time (Lamport) diagram of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row a node, time running right, one column a round.  Every recorded message whose
 * two ends are shown is an arrow from its sender's row, where it leaves, to its
 * receiver's row, where it arrives, coloured by its outcome; a message with one end
 * shown is a short, lighter off-row arrow at that end, pointing towards the row not
 * shown.  A node's row is broken while it is down.
 *
 * Rounds are synchronous, so every message of round r is sent and delivered within
 * [r - 1, r], the round's column.  To tell them apart, message j of the m drawn in a
 * round (in the record's order, which is by sender) leaves at
 *   r - 1 + GV_MESSAGE_DIAGRAM_SEND_START + GV_MESSAGE_DIAGRAM_SEND_SPAN × (j + ½) / m
 * and arrives GV_MESSAGE_DIAGRAM_TRAVEL of a column later: the sends fan out along the
 * column in sender order, every arrow of a round has the same slant, and no arrow leaves
 * its column.  The state after round r is at time r, the right edge of its column, where
 * the current-round cursor stands.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "gv-palette.h"
#include "gv-round.h"

G_BEGIN_DECLS

#define GV_MESSAGE_DIAGRAM_MAX_ROWS 64

#define GV_MESSAGE_DIAGRAM_SEND_START 0.1
#define GV_MESSAGE_DIAGRAM_SEND_SPAN  0.55
#define GV_MESSAGE_DIAGRAM_TRAVEL     0.3

typedef struct
{
  /* Record i is round i, round 0 (the start, without messages) first, as GvSimulator and
   * GvRun keep them; a NULL entry is a round not at hand. */
  const GvRoundRecord *const *records;
  guint                       n_records;
  guint32                     n_nodes;        /* the run's */
  /* The nodes shown, top to bottom (at most GV_MESSAGE_DIAGRAM_MAX_ROWS, each once and
   * below n_nodes); NULL shows the first ones. */
  const guint32              *rows;
  guint                       n_rows;
  /* The rounds shown, both included; a first round of 0 is taken as 1, and a last one
   * past the records as the last record. */
  guint                       first_round;
  guint                       last_round;
  gint64                      current_round;  /* the cursor; -1 for none */
  gint64                      focused_node;   /* -1 for none */
  /* The run's classes: which one is the core's crashed.  NULL: rows break only where
   * the records' crash and recovery lists say. */
  const GvClassTable         *class_table;
} GvMessageDiagram;

typedef enum
{
  GV_MESSAGE_DIAGRAM_HIT_NONE,
  GV_MESSAGE_DIAGRAM_HIT_MESSAGE,
  GV_MESSAGE_DIAGRAM_HIT_ROW,
} GvMessageDiagramHitKind;

typedef struct
{
  GvMessageDiagramHitKind kind;
  guint                   round;   /* the message's round, or the column under the point */
  guint32                 index;   /* a message: its index in the round's record */
  guint32                 node;    /* a row: its node */
} GvMessageDiagramHit;

/* What gv_message_diagram_draw_picture () draws. */
typedef struct
{
  const GvMessageDiagram *diagram;
  const GvPalette        *palette;
} GvMessageDiagramPicture;

/* Shows nothing yet: no records, no cursor, no focus. */
void     gv_message_diagram_init         (GvMessageDiagram       *diagram);
/* The number of rows shown. */
guint    gv_message_diagram_get_n_rows   (const GvMessageDiagram *diagram);
/* The node in row @row. */
guint32  gv_message_diagram_get_row_node (const GvMessageDiagram *diagram,
                                          guint                   row);
/* The rounds shown, as gv_message_diagram_draw () takes them; FALSE when there are
 * none (no record past round 0). */
gboolean gv_message_diagram_get_rounds   (const GvMessageDiagram *diagram,
                                          guint                  *first,
                                          guint                  *last);
/* Whether @node is down in @round, as the records say. */
gboolean gv_message_diagram_node_down    (const GvMessageDiagram *diagram,
                                          guint32                 node,
                                          guint                   round);
void     gv_message_diagram_draw         (cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          const GvMessageDiagram *diagram,
                                          const GvPalette        *palette);
/* A GvExportDrawFunc: @picture is a GvMessageDiagramPicture. */
void     gv_message_diagram_draw_picture (cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          gpointer                picture);
/* What is under (x, y): a message (its arrow or off-row arrow within a few pixels), else a row
 * (its band, label included).  FALSE for nothing. */
gboolean gv_message_diagram_hit_test     (const GvMessageDiagram *diagram,
                                          double                  width,
                                          double                  height,
                                          double                  x,
                                          double                  y,
                                          GvMessageDiagramHit    *hit);
/* The main line of message @index of @round as drawn: from where it leaves to where it
 * arrives, or, for a lost message, to half way, where it drops; for one to a crashed
 * node, to the cross short of the receiver's row; for an off-row arrow, its short line.  FALSE
 * when the message is not drawn. */
gboolean gv_message_diagram_message_line (const GvMessageDiagram *diagram,
                                          double                  width,
                                          double                  height,
                                          guint                   round,
                                          guint32                 index,
                                          double                 *x0,
                                          double                 *y0,
                                          double                 *x1,
                                          double                 *y1);
/* Where time @time is drawn (the end of round r is time r), and the middle of the row of
 * @node (FALSE when it is not shown). */
double   gv_message_diagram_time_x       (const GvMessageDiagram *diagram,
                                          double                  width,
                                          double                  height,
                                          double                  time);
gboolean gv_message_diagram_row_y        (const GvMessageDiagram *diagram,
                                          double                  width,
                                          double                  height,
                                          guint32                 node,
                                          double                 *y);

G_END_DECLS
