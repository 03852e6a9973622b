/* bench-gui.c: is the window responsive during a 1,000,000-node run at full speed?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window on a 1,000,000-node network, plays it as fast as possible, and
 * meanwhile feeds it input every 50 ms: a scroll on the network view, which zooms it.
 * For each input it measures
 *   - handling: from the input's dispatch to the end of its handler;
 *   - to frame: from the input to the end of the frame that shows it;
 *   - stalls: how late a 5 ms timer on the main loop fires.
 * Budget (DESIGN.md): input handled within one frame, 16 ms.  Run under Xvfb:
 *   xvfb-run -a dbus-run-session -- _build/tests/bench/bench-gui
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "gv-application.h"
#include "gv-network-view.h"
#include "gv-test-ui.h"
#include "gv-window.h"

#define N_NODES 1000000

static GvWindow *window;
static GArray *to_frame;      /* double, ms */
static GArray *handling;
static GArray *stalls;
static gint64 input_time;
static gboolean waiting_frame;
static gint64 timer_due;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (waiting_frame)
    {
      double ms = (g_get_monotonic_time () - input_time) / 1000.0;
      g_array_append_val (to_frame, ms);
      waiting_frame = FALSE;
    }
}

static gboolean
input_cb (gpointer data)
{
  GvNetworkView *view = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_NETWORK_VIEW);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  static double direction = -1;
  gboolean handled = FALSE;
  double ms;

  if (waiting_frame)
    return G_SOURCE_CONTINUE;

  input_time = g_get_monotonic_time ();
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
        g_signal_emit_by_name (c, "scroll", 0.0, direction, &handled);
    }
  direction = -direction;
  ms = (g_get_monotonic_time () - input_time) / 1000.0;
  g_array_append_val (handling, ms);
  waiting_frame = TRUE;

  return G_SOURCE_CONTINUE;
}

static gboolean
stall_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  double late = MAX (0, now - timer_due) / 1000.0;

  g_array_append_val (stalls, late);
  timer_due = now + 5000;
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *values,
        double      budget)
{
  double p50, p95, max;
  const char *verdict = "";

  g_array_sort (values, compare_doubles);
  p50 = g_array_index (values, double, values->len / 2);
  p95 = g_array_index (values, double, (values->len * 95) / 100);
  max = g_array_index (values, double, values->len - 1);
  if (budget > 0)
    verdict = p95 <= budget ? "  (within budget)" : "  OVER BUDGET";
  g_print ("%-22s n=%4u  median %6.2f ms  p95 %6.2f ms  max %6.2f ms%s\n", what, values->len,
           p50, p95, max, verdict);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GvApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  GvSimulator *sim;
  GdkFrameClock *clock;
  GtkDropDown *speed;
  guint runs = 0;
  gint64 t0;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  settings = g_settings_new ("io.github.grapevine_lab.Grapevine");
  g_settings_set_uint (settings, "nodes", N_NODES);

  app = g_object_new (GV_TYPE_APPLICATION,
                      "application-id", "io.github.grapevine_lab.Grapevine.Bench",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_activate (G_APPLICATION (app));
  window = GV_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  while ((sim = gv_window_get_simulator (window)) == NULL ||
         gv_simulator_get_params (sim)->n_nodes != N_NODES)
    g_main_context_iteration (NULL, TRUE);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  speed = gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (speed, 7);

  to_frame = g_array_new (FALSE, FALSE, sizeof (double));
  handling = g_array_new (FALSE, FALSE, sizeof (double));
  stalls = g_array_new (FALSE, FALSE, sizeof (double));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_timeout_add (50, input_cb, NULL);
  timer_due = g_get_monotonic_time () + 5000;
  g_timeout_add (5, stall_cb, NULL);

  /* Play the run again and again until 200 inputs have been measured. */
  t0 = g_get_monotonic_time ();
  while (to_frame->len < 200 && g_get_monotonic_time () - t0 < 120 * G_USEC_PER_SEC)
    {
      sim = gv_window_get_simulator (window);
      if (gv_simulator_get_finished (sim) && !gv_simulator_get_busy (sim))
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
          runs++;
        }
      else if (!gv_simulator_get_playing (sim) && !gv_simulator_get_busy (sim) &&
               !gv_simulator_get_finished (sim))
        gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
      g_main_context_iteration (NULL, TRUE);
    }

  g_print ("GUI during %u-node runs at full speed (%u runs, %u rounds/run):\n", N_NODES, runs,
           gv_simulator_get_round (gv_window_get_simulator (window)));
  report ("input handling", handling, 16.0);
  report ("input to frame", to_frame, 16.7 * 2);
  report ("main-loop stall", stalls, 16.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
