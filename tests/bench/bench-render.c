/* bench-render.c: frame times of the network picture against the budgets in DESIGN.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: it prints mean and 95th-percentile frame times and flags a
 * budget overrun, but always exits 0.  Run it on a quiet machine:
 *
 *   meson test -C _build --benchmark bench-render -v
 */

#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cairo.h>

#include "gv-layout.h"
#include "gv-message-diagram.h"
#include "gv-network-renderer.h"
#include "gv-palette.h"
#include "gv-params.h"

#include "../gv-test-engine.h"

#define NETWORK_NODES 2000
#define NETWORK_MESSAGES 2000
#define NETWORK_FRAMES 200
#define NETWORK_SIZE 800
#define NETWORK_BUDGET_MS 4.0

#define PIXEL_NODES 1000000
#define PIXEL_FRAMES 100
#define PIXEL_WIDTH 800
#define PIXEL_HEIGHT 600
#define PIXEL_BUDGET_MS 16.0

#define TIMELINE_NODES 64
#define TIMELINE_ROUNDS 200
#define TIMELINE_FRAMES 100
#define TIMELINE_WIDTH 1200
#define TIMELINE_HEIGHT 600
#define TIMELINE_BUDGET_MS 4.0

#define WARMUP_FRAMES 5

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *times,
        guint       n,
        double      budget)
{
  double sum = 0, p95;

  for (guint i = 0; i < n; i++)
    sum += times[i];
  qsort (times, n, sizeof *times, compare_double);
  p95 = times[MIN (n - 1, (guint) (0.95 * n))];

  printf ("%s: mean %.2f ms, p95 %.2f ms (budget %g ms)%s\n",
          what, sum / n, p95, budget, p95 > budget ? "  OVER BUDGET" : "");
  fflush (stdout);
}

/* A rumour run's classes: 0.1.0's four states, and nodes that know some rumours. */
static void
rumour_classes (GvClassTable *table)
{
  g_autoptr(GvParams) params = gv_params_new_for (gv_protocol_find ("rumor"));

  gv_class_table_init (table, params);
}

static GvTopology *
make_topology (GvTopologyKind kind,
               guint32        n_nodes)
{
  g_autoptr(GvParams) params = gv_params_new ();
  g_autoptr(GError) error = NULL;
  GvTopology *topology;

  params->n_nodes = n_nodes;
  params->topology = kind;
  params->topology_k = 2;
  params->seed = 11;
  topology = gv_topology_new (params, NULL, &error);
  g_assert_no_error (error);
  return topology;
}

/* With @cached, the frame is what the widget draws: the static layer (background and
 * edges) rendered once, as the widget keeps it in a render node, composited under the
 * dynamic layer. */
static void
bench_network (GvTopologyKind  kind,
               gboolean        cached,
               gboolean        focus,
               const char     *label)
{
  g_autoptr(GvTopology) topology = make_topology (kind, NETWORK_NODES);
  g_autoptr(GError) error = NULL;
  g_autofree float *positions = NULL;
  g_autofree guint8 *classes = g_new (guint8, NETWORK_NODES);
  g_autofree GvMessageEvent *messages = g_new0 (GvMessageEvent, NETWORK_MESSAGES);
  g_autofree double *times = g_new (double, NETWORK_FRAMES);
  g_autofree char *what = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  cairo_surface_t *surface;
  cairo_surface_t *layer = NULL;
  GvClassTable table;
  GvNetworkScene scene;
  GvPalette palette;
  cairo_t *cr;

  rumour_classes (&table);
  positions = gv_layout_compute (topology, GV_LAYOUT_AUTO, 1, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < NETWORK_NODES; i++)
    classes[i] = g_rand_int_range (rand, 0, table.n);

  /* Messages go along edges, as the engine's do, with a realistic mix of outcomes. */
  for (guint i = 0; i < NETWORK_MESSAGES; i++)
    {
      guint32 src = g_rand_int_range (rand, 0, NETWORK_NODES);
      guint32 degree = gv_topology_degree (topology, src);
      double u = g_rand_double (rand);

      messages[i].src = src;
      messages[i].dst = gv_topology_neighbor (topology, src, g_rand_int_range (rand, 0, degree));
      messages[i].outcome = u < 0.3 ? GV_MESSAGE_USEFUL : u < 0.7 ? GV_MESSAGE_REDUNDANT :
                            u < 0.8 ? GV_MESSAGE_LOST : u < 0.85 ? GV_MESSAGE_DEAD :
                            GV_MESSAGE_REQUEST;
      messages[i].carries_data = messages[i].outcome != GV_MESSAGE_REQUEST;
    }

  gv_palette_init_light (&palette);
  gv_network_scene_init (&scene);
  scene.n_nodes = NETWORK_NODES;
  scene.positions = positions;
  /* As the widget does, once a layout. */
  scene.spacing = gv_network_layout_spacing (positions, NETWORK_NODES);
  scene.classes = classes;
  scene.class_table = &table;
  scene.topology = topology;
  scene.messages = messages;
  scene.n_messages = NETWORK_MESSAGES;
  scene.progress = 0.5;
  if (focus)
    {
      /* A focused hub: its edges and contacts lit, everything else dimmed. */
      scene.focus = TRUE;
      scene.selected_node = 0;
      scene.contacts = messages;
      scene.n_contacts = NETWORK_MESSAGES;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, NETWORK_SIZE, NETWORK_SIZE);
  cr = cairo_create (surface);

  if (cached)
    {
      cairo_t *layer_cr;

      layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, NETWORK_SIZE, NETWORK_SIZE);
      layer_cr = cairo_create (layer);
      gv_network_draw_static (layer_cr, NETWORK_SIZE, NETWORK_SIZE, &scene, &palette);
      cairo_destroy (layer_cr);
    }

  for (guint i = 0; i < WARMUP_FRAMES + NETWORK_FRAMES; i++)
    {
      double start = now_ms ();

      if (cached)
        {
          cairo_set_source_surface (cr, layer, 0, 0);
          cairo_paint (cr);
          gv_network_draw_dynamic (cr, NETWORK_SIZE, NETWORK_SIZE, &scene, &palette);
        }
      else
        gv_network_draw (cr, NETWORK_SIZE, NETWORK_SIZE, &scene, &palette);
      cairo_surface_flush (surface);
      if (i >= WARMUP_FRAMES)
        times[i - WARMUP_FRAMES] = now_ms () - start;
    }

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_pointer (&layer, cairo_surface_destroy);

  what = g_strdup_printf ("network frame %u nodes + %u messages %ux%u, %s",
                          NETWORK_NODES, NETWORK_MESSAGES, NETWORK_SIZE, NETWORK_SIZE, label);
  report (what, times, NETWORK_FRAMES, NETWORK_BUDGET_MS);
}

static void
bench_pixels (void)
{
  g_autofree guint8 *classes = g_new (guint8, PIXEL_NODES);
  g_autofree double *times = g_new (double, PIXEL_FRAMES);
  g_autofree char *what = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  cairo_surface_t *surface;
  GvClassTable table;
  GvNetworkScene scene;
  GvPalette palette;
  guint8 spreading, uninformed;
  cairo_t *cr;

  rumour_classes (&table);
  spreading = gv_test_class (&table, "spreading");
  uninformed = gv_test_class (&table, "uninformed");

  /* Half spread, with noise, so that both the uniform and the mixed pixels are paid. */
  for (guint i = 0; i < PIXEL_NODES; i++)
    {
      classes[i] = i < PIXEL_NODES / 2 ? spreading : uninformed;
      if (g_rand_double (rand) < 0.2)
        classes[i] = g_rand_int_range (rand, 0, table.n);
    }

  gv_palette_init_light (&palette);
  gv_network_scene_init (&scene);
  scene.n_nodes = PIXEL_NODES;
  scene.classes = classes;
  scene.class_table = &table;
  g_assert_false (gv_network_draws_nodes (&scene));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PIXEL_WIDTH, PIXEL_HEIGHT);
  cr = cairo_create (surface);

  for (guint i = 0; i < WARMUP_FRAMES + PIXEL_FRAMES; i++)
    {
      double start = now_ms ();

      gv_network_draw (cr, PIXEL_WIDTH, PIXEL_HEIGHT, &scene, &palette);
      cairo_surface_flush (surface);
      if (i >= WARMUP_FRAMES)
        times[i - WARMUP_FRAMES] = now_ms () - start;
    }

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  what = g_strdup_printf ("pixel view %u nodes %ux%u", PIXEL_NODES, PIXEL_WIDTH, PIXEL_HEIGHT);
  report (what, times, PIXEL_FRAMES, PIXEL_BUDGET_MS);
}

/* A push-pull run's records as the engine keeps them: every round, each node that is up
 * pushes to a peer, and the peer replies with data or an empty reply; a few nodes are down
 * for a while, and messages to them are dead. */
static GPtrArray *
timeline_records (void)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_round_record_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gboolean down[TIMELINE_NODES] = { FALSE, };

  g_ptr_array_add (records, gv_round_record_new (GV_N_CORE_METRICS));
  for (guint r = 1; r <= TIMELINE_ROUNDS; r++)
    {
      GvRoundRecord *rec = gv_round_record_new (GV_N_CORE_METRICS);
      GArray *crashed = g_array_new (FALSE, FALSE, sizeof (guint32));
      GArray *recovered = g_array_new (FALSE, FALSE, sizeof (guint32));

      rec->round = r;
      for (guint32 v = 0; v < TIMELINE_NODES; v++)
        if (g_rand_double (rand) < (down[v] ? 0.2 : 0.01))
          {
            down[v] = !down[v];
            g_array_append_val (down[v] ? crashed : recovered, v);
          }
      rec->n_crashed = crashed->len;
      rec->crashed_nodes = (guint32 *) (gpointer) g_array_free (crashed, crashed->len == 0);
      rec->n_recovered = recovered->len;
      rec->recovered_nodes = (guint32 *) (gpointer) g_array_free (recovered, recovered->len == 0);

      rec->messages = g_new0 (GvMessageEvent, 2 * TIMELINE_NODES);
      for (guint32 v = 0; v < TIMELINE_NODES; v++)
        {
          guint32 peer = (v + g_rand_int_range (rand, 1, TIMELINE_NODES)) % TIMELINE_NODES;
          double u = g_rand_double (rand);
          GvMessageEvent *push, *reply;

          if (down[v])
            continue;
          push = &rec->messages[rec->n_messages++];
          push->src = v;
          push->dst = peer;
          push->carries_data = TRUE;
          push->outcome = down[peer] ? GV_MESSAGE_DEAD : u < 0.1 ? GV_MESSAGE_LOST :
                          u < 0.4 ? GV_MESSAGE_USEFUL : GV_MESSAGE_REDUNDANT;
          if (down[peer] || push->outcome == GV_MESSAGE_LOST)
            continue;
          reply = &rec->messages[rec->n_messages++];
          reply->src = peer;
          reply->dst = v;
          reply->carries_data = g_rand_double (rand) < 0.5;
          reply->outcome = reply->carries_data ? GV_MESSAGE_REDUNDANT : GV_MESSAGE_REQUEST;
        }
      g_ptr_array_add (records, rec);
    }
  return records;
}

/* The message timeline of a run of TIMELINE_NODES nodes over TIMELINE_ROUNDS rounds, with
 * @shown rounds on show (ending at the last), and a node focused when @focus. */
static void
bench_timeline (guint     shown,
                gboolean  focus)
{
  g_autoptr(GPtrArray) records = timeline_records ();
  g_autofree double *times = g_new (double, TIMELINE_FRAMES);
  g_autofree char *what = NULL;
  cairo_surface_t *surface;
  GvMessageDiagram diagram;
  GvPalette palette;
  guint64 messages = 0;
  cairo_t *cr;

  for (guint r = TIMELINE_ROUNDS - shown + 1; r <= TIMELINE_ROUNDS; r++)
    messages += ((GvRoundRecord *) g_ptr_array_index (records, r))->n_messages;

  gv_palette_init_light (&palette);
  gv_message_diagram_init (&diagram);
  diagram.records = (const GvRoundRecord *const *) records->pdata;
  diagram.n_records = records->len;
  diagram.n_nodes = TIMELINE_NODES;
  diagram.first_round = TIMELINE_ROUNDS - shown + 1;
  diagram.last_round = TIMELINE_ROUNDS;
  diagram.current_round = TIMELINE_ROUNDS - shown / 2;
  diagram.focused_node = focus ? 17 : -1;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TIMELINE_WIDTH, TIMELINE_HEIGHT);
  cr = cairo_create (surface);

  for (guint i = 0; i < WARMUP_FRAMES + TIMELINE_FRAMES; i++)
    {
      double start = now_ms ();

      gv_message_diagram_draw (cr, TIMELINE_WIDTH, TIMELINE_HEIGHT, &diagram, &palette);
      cairo_surface_flush (surface);
      if (i >= WARMUP_FRAMES)
        times[i - WARMUP_FRAMES] = now_ms () - start;
    }

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  /* BENCH_RENDER_PNG=DIR keeps the last frame there, to look at. */
  if (g_getenv ("BENCH_RENDER_PNG") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/timeline-%u%s.png",
                                               g_getenv ("BENCH_RENDER_PNG"), shown,
                                               focus ? "-focus" : "");

      cairo_surface_write_to_png (surface, name);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  what = g_strdup_printf ("message timeline %u nodes x %u rounds (%" G_GUINT64_FORMAT
                          " messages) %ux%u%s", TIMELINE_NODES, shown, messages, TIMELINE_WIDTH,
                          TIMELINE_HEIGHT, focus ? ", a node focused" : "");
  report (what, times, TIMELINE_FRAMES, TIMELINE_BUDGET_MS);
}

int
main (int   argc,
      char *argv[])
{
  bench_network (GV_TOPOLOGY_COMPLETE, FALSE, FALSE, "complete graph, circle layout");
  bench_network (GV_TOPOLOGY_BA, TRUE, FALSE,
                 "Barabasi-Albert m=2, force layout, edges in a cached layer");
  bench_network (GV_TOPOLOGY_BA, TRUE, TRUE,
                 "Barabasi-Albert m=2, edges in a cached layer, a node focused");
  bench_network (GV_TOPOLOGY_BA, FALSE, FALSE,
                 "Barabasi-Albert m=2, force layout, edges redrawn (zoom and pan)");
  bench_pixels ();
  bench_timeline (TIMELINE_ROUNDS, FALSE);
  bench_timeline (TIMELINE_ROUNDS, TRUE);
  bench_timeline (40, FALSE);
  return EXIT_SUCCESS;
}
