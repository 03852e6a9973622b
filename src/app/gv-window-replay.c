/* gv-window-replay.c: a recorded run, shown round by round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run opened from a file, or the live run when the user steps back through it.  The
 * picture shows the classes the run recorded (gv_run_get_node_classes), in the run's
 * own class table, over the network the simulator made from the same parameters.
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include "gv-window-private.h"

void
gv_window_stop_replay_tick (GvWindow *self)
{
  g_clear_handle_id (&self->replay_tick, g_source_remove);
}

void
gv_window_leave_replay (GvWindow *self)
{
  gv_window_stop_replay_tick (self);
  if (self->replay == NULL)
    return;

  g_clear_object (&self->replay);
  self->replay_opened = FALSE;
  self->replay_view = 0;
}

/* The simulator's network is the run's when it was made from the same parameters. */
static gboolean
simulator_has_network (GvWindow *self)
{
  return self->simulator != NULL && self->replay != NULL &&
         gv_simulator_get_params (self->simulator)->n_nodes ==
         gv_run_get_params (self->replay)->n_nodes;
}

GvTopology *
gv_window_replay_topology (GvWindow *self)
{
  if (!simulator_has_network (self) ||
      !gv_params_equal (gv_simulator_get_start_params (self->simulator),
                        gv_run_get_params (self->replay)))
    return NULL;
  return gv_simulator_get_topology (self->simulator);
}

/* The kinds of message the run sent up to @position, for the legend. */
static void
note_replay_outcomes (GvWindow *self)
{
  gv_window_note_outcomes (self, NULL);
  for (guint r = 1; r <= self->position; r++)
    gv_window_note_outcomes (self, gv_run_get_record (self->replay, r));
}

/* Shows round @position of the recorded run: its node classes, its place on the charts
 * and the timeline, and, when @animate, the messages of that round in flight. */
void
gv_window_show_position (GvWindow *self,
                         guint     position,
                         gboolean  animate)
{
  const GvParams *p;
  guint n_views;

  g_return_if_fail (self->replay != NULL);

  p = gv_run_get_params (self->replay);
  self->position = MIN (position, gv_run_get_last_round (self->replay));
  n_views = gv_run_get_n_views (self->replay);
  self->replay_view = MIN (self->replay_view, n_views - 1);

  /* The network view needs the run's network; it comes with the simulator. */
  if (simulator_has_network (self))
    {
      g_autofree guint8 *classes = g_malloc (p->n_nodes);
      g_autoptr(GBytes) bytes = NULL;

      gv_window_set_classes (self, gv_run_get_classes (self->replay), p->protocol, n_views,
                             self->replay_view);
      gv_run_get_node_classes (self->replay, self->position, self->replay_view, classes);
      bytes = g_bytes_new_take (g_steal_pointer (&classes), p->n_nodes);
      gv_window_show_states (self, bytes,
                             animate && self->position > 0
                             ? gv_run_get_record (self->replay, self->position) : NULL);
    }

  note_replay_outcomes (self);
  gv_window_set_chart_marker (self, self->position);
  gv_window_set_timeline (self, gv_run_get_last_round (self->replay), self->position);

  gv_window_update_status (self);
  gv_window_update_actions (self);
}

/* The recorded run's charts, drawn whole. */
void
gv_window_chart_replay (GvWindow *self)
{
  const GvParams *p = gv_run_get_params (self->replay);

  gv_window_setup_charts (self, p, gv_window_replay_topology (self));
  for (guint r = 0; r < gv_run_get_n_records (self->replay); r++)
    gv_window_chart_record (self, p, gv_run_get_record (self->replay, r));
}

void
gv_window_enter_replay (GvWindow *self,
                        GvRun    *run,
                        gboolean  opened,
                        guint     position)
{
  gv_window_stop_replay_tick (self);
  if (self->replay != run)
    self->replay_view = 0;
  g_set_object (&self->replay, run);
  self->replay_opened = opened;
  gv_window_chart_replay (self);
  gv_window_show_position (self, position, FALSE);
}

/* The live run as a recorded one, to step back through.  FALSE while a round runs. */
gboolean
gv_window_replay_live_run (GvWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;

  if (self->simulator == NULL)
    return FALSE;

  gv_simulator_pause (self->simulator);
  run = gv_run_new_from_simulator (self->simulator, &error);
  if (run == NULL)
    return FALSE;

  /* The same view of the same run. */
  self->replay_view = gv_simulator_get_view (self->simulator);
  g_set_object (&self->replay, run);
  gv_window_enter_replay (self, run, FALSE, gv_run_get_last_round (run));
  return TRUE;
}

/* Back to the live run, at its newest round. */
void
gv_window_resume_live (GvWindow *self)
{
  g_autoptr(GBytes) states = NULL;
  const GvParams *p;

  gv_window_leave_replay (self);
  if (self->simulator == NULL)
    return;

  p = gv_simulator_get_params (self->simulator);
  gv_window_set_classes (self, gv_simulator_get_classes (self->simulator), p->protocol,
                         gv_simulator_get_n_views (self->simulator),
                         gv_simulator_get_view (self->simulator));
  gv_window_setup_charts (self, p, gv_simulator_get_topology (self->simulator));
  gv_window_note_outcomes (self, NULL);
  for (guint i = 0; i < gv_simulator_get_n_records (self->simulator); i++)
    {
      GvRoundRecord *rec = gv_simulator_get_record (self->simulator, i);

      gv_window_chart_record (self, p, rec);
      if (i > 0)
        gv_window_note_outcomes (self, rec);
    }
  states = gv_simulator_get_node_states (self->simulator);
  gv_window_show_states (self, states, NULL);

  gv_window_set_timeline (self, gv_simulator_get_round (self->simulator),
                          gv_simulator_get_round (self->simulator));

  gv_window_update_status (self);
  gv_window_update_actions (self);
}

static gboolean
replay_tick_cb (gpointer user_data)
{
  GvWindow *self = user_data;

  if (self->replay == NULL || self->position >= gv_run_get_last_round (self->replay))
    {
      self->replay_tick = 0;
      gv_window_update_actions (self);
      return G_SOURCE_REMOVE;
    }

  gv_window_show_position (self, self->position + 1, TRUE);
  /* At the last round the replay is over at once: Play shows again now, not one tick
   * (up to two seconds at the slowest speed) later. */
  if (self->position >= gv_run_get_last_round (self->replay))
    {
      self->replay_tick = 0;
      gv_window_update_actions (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
gv_window_play_replay (GvWindow *self)
{
  double speed = gv_window_selected_speed (self);

  gv_window_stop_replay_tick (self);
  if (self->position >= gv_run_get_last_round (self->replay))
    gv_window_show_position (self, 0, FALSE);
  self->replay_tick = g_timeout_add (speed > 0 ? (guint) (1000.0 / speed) : 16,
                                     replay_tick_cb, self);
  gv_window_update_actions (self);
}

void
gv_window_timeline_changed_cb (GvWindow *self)
{
  guint round = (guint) (gtk_adjustment_get_value (self->timeline_adjustment) + 0.5);

  if (self->updating_timeline > 0)
    return;

  if (self->replay == NULL)
    {
      if (self->simulator == NULL || round == gv_simulator_get_round (self->simulator) ||
          !gv_window_replay_live_run (self))
        return;
    }

  gv_window_stop_replay_tick (self);
  if (!self->replay_opened && round >= gv_run_get_last_round (self->replay))
    gv_window_resume_live (self);
  else
    gv_window_show_position (self, round, FALSE);
}
