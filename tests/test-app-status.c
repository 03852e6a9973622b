/* test-app-status.c: reading the run in the window: the status line, the result and the
 * header's subtitle, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The status line counts the nodes that are down, the end of a run with nodes down is not
 * called "Converged", counts follow the locale's grouping (en_US and ru_RU, compiled into
 * the build tree), and the subtitle names what differs from the defaults.  Every figure
 * checked comes from the engine's records.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "gv-format.h"
#include "gv-params-panel.h"
#include "gv-round.h"
#include "gv-test-app.h"
#include "gv-test-ui.h"
#include "gv-window.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

static GvApplication *app;
static GvWindow *window;

/* The sidebar's parameters with @protocol and @n_nodes, the rest as the sidebar has them. */
static GvParams *
sidebar_params (const char *protocol,
                guint32     n_nodes)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  GvParams *p = gv_params_panel_get_params (panel);

  gv_params_set_protocol (p, gv_protocol_find (protocol));
  p->n_nodes = n_nodes;
  p->loss = 0;
  p->crash = 0;
  p->recover = 0;
  return p;
}

static const char *
status (void)
{
  return gv_window_get_status_text (window);
}

static const char *
subtitle (void)
{
  AdwWindowTitle *title = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);

  return adw_window_title_get_subtitle (title);
}

/* The nodes that are down in the engine's record of now. */
static guint
engine_down (void)
{
  GvSimulator *simulator = gv_window_get_simulator (window);
  GvRoundRecord *rec = gv_simulator_get_current_record (simulator);

  return gv_simulator_get_params (simulator)->n_nodes -
         (guint) gv_round_record_get (rec, GV_METRIC_ALIVE);
}

/* One round, and the status line showing it. */
static void
step (void)
{
  GvSimulator *simulator = gv_window_get_simulator (window);
  g_autofree char *round = NULL;

  gv_test_app_step (window);
  round = g_strdup_printf ("Round %u · ", gv_simulator_get_round (simulator));
  WAIT_FOR (g_str_has_prefix (status (), round));
}

/* @n as the digits alone, grouped by three with @separator. */
static char *
grouped (guint64     n,
         const char *separator)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gsize length = strlen (digits);
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (s, separator);
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* A rumour with crashes, round by round: the informed nodes of the whole network and
 * the nodes that are down, as the engine recorded them; at the end, what converging
 * means while nodes are down. */
static void
test_status_down (void)
{
  g_autoptr(GvParams) p = sidebar_params ("rumor", 64);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *expected_end = NULL;
  const GvProtocol *protocol;
  guint rounds_with_down = 0;
  guint informed_index;
  GvSummary s;

  p->crash = 0.03;
  p->seed = 3;
  gv_test_app_run (window, p);
  protocol = gv_simulator_get_params (gv_window_get_simulator (window))->protocol;
  g_assert_nonnull (gv_protocol_find_metric (protocol, "informed", &informed_index));

  while (!gv_simulator_get_finished (gv_window_get_simulator (window)))
    {
      GvRoundRecord *rec;
      g_autofree char *expected = NULL;
      guint informed, down;

      step ();
      rec = gv_simulator_get_current_record (gv_window_get_simulator (window));
      informed = (guint) gv_round_record_get (rec, GV_N_CORE_METRICS + informed_index);
      down = engine_down ();
      if (down > 0)
        expected = g_strdup_printf ("Informed nodes: %u/64 (%u down) · ", informed, down);
      else
        expected = g_strdup_printf ("Informed nodes: %u/64 (%.0f%%) · ", informed,
                                    100.0 * informed / 64);
      g_test_message ("%s — %s", status (), gv_window_get_result_text (window));
      g_assert_nonnull (strstr (status (), expected));
      rounds_with_down += down > 0;
    }
  g_assert_cmpuint (rounds_with_down, >, 2);

  /* Every alive node informed, some down: not "Converged". */
  gv_simulator_get_summary (gv_window_get_simulator (window), &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (engine_down (), >, 1);
  expected_end = g_strdup_printf ("Every node that is up has the news after %u rounds; %u down",
                                  s.rounds, engine_down ());
  g_test_message ("result: %s", gv_window_get_result_text (window));
  g_assert_true (g_str_has_prefix (gv_window_get_result_text (window), expected_end));
  g_assert_null (strstr (gv_window_get_result_text (window), "Converged"));

  /* On a busy machine the run can end before the window has been laid out. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
            gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  texture = gv_test_screenshot (GTK_WIDGET (window));
  gv_test_save_png (texture, "status-down.png");
}

/* Another protocol, from its own declarations: flooding's main metric and its end. */
static void
test_status_down_flood (void)
{
  g_autoptr(GvParams) p = sidebar_params ("flood", 64);
  const GvMetricSpec *primary = gv_protocol_find_metric (p->protocol, p->protocol->primary,
                                                         NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_end = NULL;
  GvSummary s;

  p->crash = 0.1;
  p->seed = 2;
  gv_test_app_run (window, p);
  while (!gv_simulator_get_finished (gv_window_get_simulator (window)))
    step ();
  g_test_message ("%s — %s", status (), gv_window_get_result_text (window));

  gv_simulator_get_summary (gv_window_get_simulator (window), &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (engine_down (), >, 0);
  expected = g_strdup_printf ("%s: %u/64 (%u down) · ", primary->label, 64 - engine_down (),
                              engine_down ());
  g_assert_nonnull (strstr (status (), expected));
  expected_end = g_strdup_printf ("Every node that is up has the news after %u round%s; "
                                  "%u down", s.rounds, s.rounds == 1 ? "" : "s", engine_down ());
  g_assert_true (g_str_has_prefix (gv_window_get_result_text (window), expected_end));
}

/* Steps a round with LC_NUMERIC at @locale, and checks the status line's count of
 * messages against @separator (or @other, when not NULL) between groups of three. */
static void
step_in_locale (const char *locale,
                const char *separator,
                const char *other)
{
  g_autofree char *digits = NULL;
  g_autofree char *digits_other = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_other = NULL;
  GvSummary s;

  g_assert_false (gv_simulator_get_finished (gv_window_get_simulator (window)));
  g_assert_nonnull (setlocale (LC_NUMERIC, locale));
  step ();
  gv_simulator_get_summary (gv_window_get_simulator (window), &s);
  g_assert_cmpuint (s.messages, >=, 1000);
  digits = grouped (s.messages, separator);
  expected = g_strdup_printf (" · %s messages", digits);
  digits_other = grouped (s.messages, other != NULL ? other : separator);
  expected_other = g_strdup_printf (" · %s messages", digits_other);
  g_test_message ("%s: %s", locale, status ());
  g_assert_true (g_str_has_suffix (status (), expected) ||
                 g_str_has_suffix (status (), expected_other));
}

/* Counts in the locale's grouping: en_US's commas, ru_RU's narrow no-break spaces (a
 * no-break space in older C libraries), none in C. */
static void
test_status_grouping (void)
{
  g_autoptr(GvParams) p = sidebar_params ("rumor", 200);
  GvSummary s;

  p->seed = 4;
  gv_test_app_run (window, p);
  do
    {
      step ();
      gv_simulator_get_summary (gv_window_get_simulator (window), &s);
    }
  while (s.messages < 1000);

  step_in_locale ("en_US.UTF-8", ",", NULL);
  {
    g_autofree char *million = gv_format_count (1234567);

    g_assert_cmpstr (million, ==, "1,234,567");
  }
  step_in_locale ("ru_RU.UTF-8", "\u202f", "\u00a0");
  {
    g_autofree char *million = gv_format_count (1234567);

    g_assert_true (g_str_equal (million, "1\u202f234\u202f567") ||
                   g_str_equal (million, "1\u00a0234\u00a0567"));
  }
  step_in_locale ("C", "", NULL);
  {
    g_autofree char *million = gv_format_count (1234567);

    g_assert_cmpstr (million, ==, "1234567");
  }
}

/* The subtitle names what differs from the protocol's declared defaults and the core's,
 * and nothing when nothing does. */
static void
test_subtitle (void)
{
  const char *base = "64 nodes · complete graph · rumour mongering, push-pull · fanout 1";
  g_autoptr(GvParams) p = sidebar_params ("rumor", 64);
  g_autoptr(GvParams) ae = sidebar_params ("anti-entropy", 64);
  g_autoptr(GvParams) plain = sidebar_params ("rumor", 64);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gv_params_set (p, "stop", "feedback-counter:2", &error));
  g_assert_no_error (error);
  p->loss = 0.1;
  p->crash = 0.01;
  p->recover = 0.05;
  gv_test_app_run (window, p);
  expected = g_strdup_printf ("%s · stop rule: feedback counter K = 2 · loss 10%% · "
                              "crash 1%% · recover 5%%", base);
  g_test_message ("subtitle: %s", subtitle ());
  g_assert_cmpstr (subtitle (), ==, expected);

  /* Another protocol's own parameter, by its declared label. */
  g_assert_true (gv_params_set (ae, "keys", "3", &error));
  g_assert_no_error (error);
  gv_test_app_run (window, ae);
  g_test_message ("subtitle: %s", subtitle ());
  g_assert_true (g_str_has_suffix (subtitle (), " · fanout 1 · keys: 3"));

  gv_test_app_run (window, plain);
  g_assert_cmpstr (subtitle (), ==, base);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  home = gv_test_isolate_home ();

  /* As main.c does: the numbers follow the environment's LC_NUMERIC, C here. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = gv_test_app_window ("TestStatus", &app);
  /* The introduction would cover the network in the pictures. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);

  g_test_add_func ("/app-status/down", test_status_down);
  g_test_add_func ("/app-status/down-flood", test_status_down_flood);
  g_test_add_func ("/app-status/grouping", test_status_grouping);
  g_test_add_func ("/app-status/subtitle", test_subtitle);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (home);
  return ret;
}
