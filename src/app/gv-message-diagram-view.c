/* gv-message-diagram-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message timeline as a widget: the run's records as the window receives them, a
 * window of rounds around the current one, a window of nodes around the focused one,
 * the keyboard (Up and Down move the focus from row to row, Left and Right the current
 * round), tooltips that name the message under the pointer, and the picture drawn by
 * gv_message_diagram_draw () in the theme's colours.
 */

#define G_LOG_DOMAIN "gv-message-diagram-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gv-message-diagram-view.h"
#include "gv-theme.h"

#define FOCUS_RING_WIDTH 2.0

struct _GvMessageDiagramView
{
  GtkWidget     parent_instance;

  GPtrArray    *records;        /* a GvRoundRecord (or NULL) a round, round 0 first */
  guint32       n_nodes;
  GvClassTable  classes;
  guint         current_round;
  gint64        focused_node;
  guint         span;
  /* The rows the caller chose, or NULL for GV_MESSAGE_DIAGRAM_MAX_ROWS nodes in a row
   * from window_start (all the nodes, when there are no more). */
  guint32      *rows;
  guint         n_rows;
  guint32       window_start;
  guint32       window[GV_MESSAGE_DIAGRAM_MAX_ROWS];

  /* The last picture, and what it showed: drawn again only when something changed. */
  guint64       serial;
  GdkTexture   *frame;
  char         *frame_key;
};

G_DEFINE_FINAL_TYPE (GvMessageDiagramView, gv_message_diagram_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENT_ROUND,
  PROP_FOCUSED_NODE,
  PROP_SPAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NODE_FOCUSED,
  ROUND_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
record_free (gpointer data)
{
  if (data != NULL)
    gv_round_record_unref (data);
}

static void
changed (GvMessageDiagramView *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moves the window of nodes as little as it takes to show @node. */
static void
follow_node (GvMessageDiagramView *self,
             guint32               node)
{
  guint32 n = GV_MESSAGE_DIAGRAM_MAX_ROWS;

  if (self->n_nodes <= n)
    return;
  if (node < self->window_start)
    self->window_start = node;
  else if (node >= self->window_start + n)
    self->window_start = node - n + 1;
  self->window_start = MIN (self->window_start, self->n_nodes - n);
}

static void
update_accessible (GvMessageDiagramView *self)
{
  g_autofree char *description = NULL;

  if (self->focused_node >= 0)
    /* Translators: what a screen reader says of the message timeline with a node focused */
    description = g_strdup_printf (_("Round %u, node %u focused"), self->current_round,
                                   (guint) self->focused_node);
  else
    description = g_strdup_printf (_("Round %u"), self->current_round);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Focuses the node @delta rows from the focused one (the first or last row with no
 * focus), and says so. */
static void
move_focus (GvMessageDiagramView *self,
            int                   delta)
{
  GvMessageDiagram diagram;
  guint n_rows, row = 0;
  gint64 node;

  gv_message_diagram_view_get_diagram (self, &diagram);
  n_rows = gv_message_diagram_get_n_rows (&diagram);
  if (n_rows == 0)
    return;

  if (self->focused_node < 0)
    node = gv_message_diagram_get_row_node (&diagram, delta > 0 ? 0 : n_rows - 1);
  else if (self->rows == NULL)
    /* Nodes in a row: past the window's end, it moves along. */
    node = CLAMP (self->focused_node + delta, 0, (gint64) self->n_nodes - 1);
  else
    {
      for (guint i = 0; i < n_rows; i++)
        if (gv_message_diagram_get_row_node (&diagram, i) == self->focused_node)
          row = (guint) CLAMP ((int) i + delta, 0, (int) n_rows - 1);
      node = gv_message_diagram_get_row_node (&diagram, row);
    }

  gv_message_diagram_view_set_focused_node (self, node);
  g_signal_emit (self, signals[NODE_FOCUSED], 0, (guint) node);
}

static void
activate_round (GvMessageDiagramView *self,
                gint64                round)
{
  guint last = self->records->len > 0 ? self->records->len - 1 : 0;

  gv_message_diagram_view_set_current_round (self, (guint) CLAMP (round, 0, (gint64) last));
  g_signal_emit (self, signals[ROUND_ACTIVATED], 0, self->current_round);
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (widget);

  if (g_str_equal (action_name, "timeline.previous-node"))
    move_focus (self, -1);
  else if (g_str_equal (action_name, "timeline.next-node"))
    move_focus (self, 1);
  else if (g_str_equal (action_name, "timeline.previous-round"))
    activate_round (self, (gint64) self->current_round - 1);
  else if (g_str_equal (action_name, "timeline.next-round"))
    activate_round (self, (gint64) self->current_round + 1);
  else if (g_str_equal (action_name, "timeline.first-round"))
    activate_round (self, 0);
  else if (g_str_equal (action_name, "timeline.last-round"))
    activate_round (self, G_MAXINT64);
}

static void
click_released_cb (GtkGestureClick      *gesture,
                   int                   n_press,
                   double                x,
                   double                y,
                   GvMessageDiagramView *self)
{
  GvMessageDiagram diagram;
  GvMessageDiagramHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  gv_message_diagram_view_get_diagram (self, &diagram);
  if (!gv_message_diagram_hit_test (&diagram, gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)), x, y, &hit))
    return;

  /* A click focuses the row's node, or the message's sender; a double click goes to the
   * round under it as well. */
  gv_message_diagram_view_set_focused_node (self, hit.node);
  g_signal_emit (self, signals[NODE_FOCUSED], 0, hit.node);
  if (n_press == 2 && hit.round > 0)
    activate_round (self, hit.round);
}

static gboolean
query_tooltip_cb (GtkWidget            *widget,
                  int                   x,
                  int                   y,
                  gboolean              keyboard,
                  GtkTooltip           *tooltip,
                  GvMessageDiagramView *self)
{
  g_autofree char *text = gv_message_diagram_view_describe_at (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Drawn into an image surface, where the renderer writes pixels directly (a recording
 * cairo node would make it fall back to paths), and kept as a texture until something
 * changes. */
static void
gv_message_diagram_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autofree char *key = NULL;
  GvPalette palette;

  if (width <= 0 || height <= 0)
    return;

  gv_theme_get_palette (widget, &palette);
  key = g_strdup_printf ("%" G_GUINT64_FORMAT " %d %d %d %d", self->serial, width, height, scale,
                         palette.dark);

  if (self->frame == NULL || g_strcmp0 (key, self->frame_key) != 0)
    {
      GvMessageDiagram diagram;
      GvFrame frame;
      cairo_t *cr = gv_frame_begin (&frame, width, height, scale);

      gv_message_diagram_view_get_diagram (self, &diagram);
      gv_message_diagram_draw (cr, width, height, &diagram, &palette);
      g_clear_object (&self->frame);
      self->frame = gv_frame_finish (&frame, cr);
      g_free (self->frame_key);
      self->frame_key = g_steal_pointer (&key);
    }

  gtk_snapshot_append_texture (snapshot, self->frame, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = { palette.accent.r, palette.accent.g, palette.accent.b, 0.5 };
      float w = FOCUS_RING_WIDTH;

      gtk_snapshot_append_border (snapshot,
                                  &GSK_ROUNDED_RECT_INIT (0, 0, width, height),
                                  (float[4]) { w, w, w, w },
                                  (GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

static void
gv_message_diagram_view_dispose (GObject *object)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (object);

  g_clear_object (&self->frame);

  G_OBJECT_CLASS (gv_message_diagram_view_parent_class)->dispose (object);
}

static void
gv_message_diagram_view_finalize (GObject *object)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (object);

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->frame_key, g_free);

  G_OBJECT_CLASS (gv_message_diagram_view_parent_class)->finalize (object);
}

static void
gv_message_diagram_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_ROUND:
      g_value_set_uint (value, self->current_round);
      break;
    case PROP_FOCUSED_NODE:
      g_value_set_int64 (value, self->focused_node);
      break;
    case PROP_SPAN:
      g_value_set_uint (value, self->span);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_message_diagram_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  GvMessageDiagramView *self = GV_MESSAGE_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_ROUND:
      gv_message_diagram_view_set_current_round (self, g_value_get_uint (value));
      break;
    case PROP_FOCUSED_NODE:
      gv_message_diagram_view_set_focused_node (self, g_value_get_int64 (value));
      break;
    case PROP_SPAN:
      gv_message_diagram_view_set_span (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_message_diagram_view_class_init (GvMessageDiagramViewClass *klass)
{
  static const struct
  {
    const char *action;
    guint       key;
  } moves[] = {
    { "timeline.previous-node", GDK_KEY_Up },
    { "timeline.next-node", GDK_KEY_Down },
    { "timeline.previous-round", GDK_KEY_Left },
    { "timeline.next-round", GDK_KEY_Right },
    { "timeline.first-round", GDK_KEY_Home },
    { "timeline.last-round", GDK_KEY_End },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_message_diagram_view_dispose;
  object_class->finalize = gv_message_diagram_view_finalize;
  object_class->get_property = gv_message_diagram_view_get_property;
  object_class->set_property = gv_message_diagram_view_set_property;

  widget_class->snapshot = gv_message_diagram_view_snapshot;

  properties[PROP_CURRENT_ROUND] =
    g_param_spec_uint ("current-round", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOCUSED_NODE] =
    g_param_spec_int64 ("focused-node", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPAN] =
    g_param_spec_uint ("span", NULL, NULL, 0, G_MAXUINT, GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GvMessageDiagramView::node-focused:
   * @node: the node the user focused, by the keyboard or a click
   */
  signals[NODE_FOCUSED] =
    g_signal_new ("node-focused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * GvMessageDiagramView::round-activated:
   * @round: the round the user went to, by the keyboard or a double click
   */
  signals[ROUND_ACTIVATED] =
    g_signal_new ("round-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gtk_widget_class_install_action (widget_class, moves[i].action, NULL, move_action_cb);
      gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, moves[i].action, NULL);
    }

  gtk_widget_class_set_css_name (widget_class, "messagediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gv_message_diagram_view_init (GvMessageDiagramView *self)
{
  GtkGesture *gesture;

  self->records = g_ptr_array_new_with_free_func (record_free);
  self->focused_node = -1;
  self->span = GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message timeline"), -1);
  update_accessible (self);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
gv_message_diagram_view_new (void)
{
  return g_object_new (GV_TYPE_MESSAGE_DIAGRAM_VIEW, NULL);
}

void
gv_message_diagram_view_set_run (GvMessageDiagramView *self,
                                 const GvParams       *params)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));
  g_return_if_fail (params != NULL);

  g_ptr_array_set_size (self->records, 0);
  self->n_nodes = params->n_nodes;
  gv_class_table_init (&self->classes, params);
  g_clear_pointer (&self->rows, g_free);
  self->n_rows = 0;
  self->window_start = 0;
  gv_message_diagram_view_set_focused_node (self, -1);
  gv_message_diagram_view_set_current_round (self, 0);
  changed (self);
}

void
gv_message_diagram_view_add_record (GvMessageDiagramView *self,
                                    GvRoundRecord        *record)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));
  g_return_if_fail (record != NULL);

  if (record->round < self->records->len)
    g_ptr_array_set_size (self->records, record->round);
  while (self->records->len < record->round)
    g_ptr_array_add (self->records, NULL);
  g_ptr_array_add (self->records, gv_round_record_ref (record));
  changed (self);
}

guint
gv_message_diagram_view_get_n_records (GvMessageDiagramView *self)
{
  g_return_val_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self), 0);
  return self->records->len;
}

void
gv_message_diagram_view_set_current_round (GvMessageDiagramView *self,
                                           guint                 round)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));

  if (self->current_round == round)
    return;
  self->current_round = round;
  update_accessible (self);
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ROUND]);
}

guint
gv_message_diagram_view_get_current_round (GvMessageDiagramView *self)
{
  g_return_val_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self), 0);
  return self->current_round;
}

void
gv_message_diagram_view_set_focused_node (GvMessageDiagramView *self,
                                          gint64                node)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));

  if (node < 0 || node >= self->n_nodes)
    node = -1;
  if (self->focused_node == node)
    return;
  self->focused_node = node;
  if (node >= 0)
    follow_node (self, (guint32) node);
  update_accessible (self);
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUSED_NODE]);
}

gint64
gv_message_diagram_view_get_focused_node (GvMessageDiagramView *self)
{
  g_return_val_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self), -1);
  return self->focused_node;
}

void
gv_message_diagram_view_set_rows (GvMessageDiagramView *self,
                                  const guint32        *nodes,
                                  guint                 n_nodes)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));
  g_return_if_fail (nodes != NULL || n_nodes == 0);

  g_clear_pointer (&self->rows, g_free);
  self->n_rows = 0;
  if (nodes != NULL)
    {
      self->n_rows = MIN (n_nodes, GV_MESSAGE_DIAGRAM_MAX_ROWS);
      self->rows = g_memdup2 (nodes, sizeof (guint32) * MAX (self->n_rows, 1));
    }
  changed (self);
}

void
gv_message_diagram_view_set_span (GvMessageDiagramView *self,
                                  guint                 span)
{
  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));

  if (self->span == span)
    return;
  self->span = span;
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN]);
}

guint
gv_message_diagram_view_get_span (GvMessageDiagramView *self)
{
  g_return_val_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self), 0);
  return self->span;
}

void
gv_message_diagram_view_get_diagram (GvMessageDiagramView *self,
                                     GvMessageDiagram     *diagram)
{
  guint last;

  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));
  g_return_if_fail (diagram != NULL);

  gv_message_diagram_init (diagram);
  diagram->records = (const GvRoundRecord *const *) self->records->pdata;
  diagram->n_records = self->records->len;
  diagram->n_nodes = self->n_nodes;
  diagram->class_table = &self->classes;
  diagram->current_round = self->current_round;
  diagram->focused_node = self->focused_node;

  if (self->rows != NULL)
    {
      diagram->rows = self->rows;
      diagram->n_rows = self->n_rows;
    }
  else if (self->n_nodes > GV_MESSAGE_DIAGRAM_MAX_ROWS)
    {
      for (guint i = 0; i < GV_MESSAGE_DIAGRAM_MAX_ROWS; i++)
        self->window[i] = self->window_start + i;
      diagram->rows = self->window;
      diagram->n_rows = GV_MESSAGE_DIAGRAM_MAX_ROWS;
    }

  /* A span of rounds around the current one, the current one as near the middle as the
   * run allows: at the right end while a run goes on. */
  last = self->records->len > 0 ? self->records->len - 1 : 0;
  if (self->span > 0 && last > self->span)
    {
      gint64 first = (gint64) MAX (self->current_round, 1) - self->span / 2;

      diagram->first_round = (guint) CLAMP (first, 1, (gint64) (last - self->span + 1));
      diagram->last_round = diagram->first_round + self->span - 1;
    }
}

void
gv_message_diagram_view_draw_picture (GvMessageDiagramView *self,
                                      cairo_t              *cr,
                                      double                width,
                                      double                height)
{
  GvMessageDiagram diagram;
  GvPalette palette;

  g_return_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self));
  g_return_if_fail (cr != NULL);

  gv_theme_get_palette (GTK_WIDGET (self), &palette);
  gv_message_diagram_view_get_diagram (self, &diagram);
  gv_message_diagram_draw (cr, width, height, &diagram, &palette);
}

char *
gv_message_diagram_view_describe_at (GvMessageDiagramView *self,
                                     double                x,
                                     double                y)
{
  GvMessageDiagram diagram;
  GvMessageDiagramHit hit;
  const GvMessageEvent *m;

  g_return_val_if_fail (GV_IS_MESSAGE_DIAGRAM_VIEW (self), NULL);

  gv_message_diagram_view_get_diagram (self, &diagram);
  if (!gv_message_diagram_hit_test (&diagram, gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)), x, y, &hit))
    return NULL;

  if (hit.kind == GV_MESSAGE_DIAGRAM_HIT_MESSAGE)
    {
      m = &diagram.records[hit.round]->messages[hit.index];
      /* Translators: a message in the message timeline, e.g. "Round 3: node 12 → node 40,
       * useful" */
      return g_strdup_printf (_("Round %u: node %u → node %u, %s"), hit.round, m->src, m->dst,
                              gv_message_outcome_word (m->outcome, m->carries_data));
    }

  if (hit.round > 0 && gv_message_diagram_node_down (&diagram, hit.node, hit.round))
    /* Translators: a node's row in the message timeline, where the node is down */
    return g_strdup_printf (_("Node %u, down in round %u"), hit.node, hit.round);
  return g_strdup_printf (_("Node %u"), hit.node);
}
