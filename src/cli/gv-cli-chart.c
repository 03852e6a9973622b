/* gv-cli-chart.c: grapevine-cli chart, through the window's chart renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which charts a run can show is the render layer's to say (gv_run_chart_list(), from
 * the protocol's declarations): --kind takes any of their ids.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-error.h"
#include "gv-palette.h"
#include "gv-run-chart.h"

static gboolean
parse_image_format (const char     *path,
                    GvImageFormat  *format,
                    GError        **error)
{
  /* A bare ".png" names no file. */
  if (strlen (path) > strlen (".png") && gv_image_format_for_name (path, format))
    return TRUE;

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("--output: “%s” should end in .png, .svg or .pdf"), path);
  return FALSE;
}

static void
add_chart_ids (GPtrArray        *ids,
               const GvProtocol *protocol)
{
  g_autoptr(GPtrArray) list = gv_run_chart_list (protocol);

  for (guint i = 0; i < list->len; i++)
    {
      const GvRunChartEntry *entry = g_ptr_array_index (list, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < ids->len && !seen; k++)
        seen = g_str_equal (g_ptr_array_index (ids, k), entry->id);
      if (!seen)
        g_ptr_array_add (ids, g_strdup (entry->id));
    }
}

GvCliChartOptions *
gv_cli_chart_options_new (void)
{
  GvCliChartOptions *options = g_new0 (GvCliChartOptions, 1);

  options->kind = g_strdup (GV_CLI_CHART_DEFAULT);
  options->width = GV_CLI_CHART_WIDTH;
  options->height = GV_CLI_CHART_HEIGHT;
  options->scale = 1.0;

  return options;
}

void
gv_cli_chart_options_free (GvCliChartOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->inputs, g_strfreev);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->kind, g_free);
  g_free (options);
}

gboolean
gv_cli_parse_chart (GvCliChartOptions  *options,
                    int                 argc,
                    char              **argv,
                    GError            **error)
{
  g_autoptr(GStrvBuilder) inputs = g_strv_builder_new ();
  gboolean scale_given = FALSE;
  guint n_inputs = 0;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (argc >= 0, FALSE);
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      gboolean has_value;
      guint64 number;

      if (arg[0] != '-' || arg[1] == '\0')
        {
          g_strv_builder_add (inputs, arg);
          n_inputs++;
          continue;
        }

      name = gv_cli_split_option (arg, &value);

      if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
        {
          options->help = TRUE;
          continue;
        }

      if (g_str_equal (name, "--dark"))
        {
          if (value != NULL)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes no value"), name);
              return FALSE;
            }
          options->dark = TRUE;
          continue;
        }

      has_value = g_str_equal (name, "--output") || g_str_equal (name, "--kind") ||
                  g_str_equal (name, "--width") || g_str_equal (name, "--height") ||
                  g_str_equal (name, "--scale");
      if (!has_value)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: unknown option; see “grapevine-cli chart --help”"), name);
          return FALSE;
        }

      value = gv_cli_take_value (name, value, argc, argv, &i, error);
      if (value == NULL)
        return FALSE;

      if (g_str_equal (name, "--output"))
        {
          if (!parse_image_format (value, &options->format, error))
            return FALSE;
          g_free (options->output);
          options->output = g_strdup (value);
        }
      else if (g_str_equal (name, "--kind"))
        {
          /* Which ids there are depends on the runs' protocols: checked once they are
           * loaded (gv_cli_check_chart_kind()). */
          if (value[0] == '\0')
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a chart id"), name);
              return FALSE;
            }
          g_free (options->kind);
          options->kind = g_strdup (value);
        }
      else if (g_str_equal (name, "--width") || g_str_equal (name, "--height"))
        {
          if (!gv_cli_parse_count (name, value, GV_CLI_CHART_MIN_SIZE, GV_CLI_CHART_MAX_SIZE,
                                   &number, error))
            return FALSE;
          if (g_str_equal (name, "--width"))
            options->width = (guint) number;
          else
            options->height = (guint) number;
        }
      else
        {
          double scale;

          if (!gv_parse_decimal (value, &scale) || !isfinite (scale))
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("--scale: “%s” is not a number"),
                           value);
              return FALSE;
            }
          if (scale < GV_CLI_CHART_MIN_SCALE || scale > GV_CLI_CHART_MAX_SCALE)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                           _("--scale: %s is out of range; it must be from %g to %g"), value,
                           GV_CLI_CHART_MIN_SCALE, GV_CLI_CHART_MAX_SCALE);
              return FALSE;
            }
          options->scale = scale;
          scale_given = TRUE;
        }
    }

  g_clear_pointer (&options->inputs, g_strfreev);
  options->inputs = g_strv_builder_end (inputs);

  if (options->help)
    return TRUE;

  if (n_inputs == 0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("chart: needs at least one run file "
                   "(RUN.json)"));
      return FALSE;
    }

  if (options->output == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--output: missing; say where to draw the chart (FILE.png, .svg or .pdf)"));
      return FALSE;
    }

  if (scale_given && options->format != GV_IMAGE_PNG)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--scale: only a PNG has pixels to scale; SVG and PDF are drawn in points"));
      return FALSE;
    }

  if (options->format == GV_IMAGE_PNG &&
      (options->width * options->scale > GV_CLI_CHART_MAX_PIXELS ||
       options->height * options->scale > GV_CLI_CHART_MAX_PIXELS))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--scale: %u × %u at scale %g makes an image over %u pixels a side"),
                   options->width, options->height, options->scale, GV_CLI_CHART_MAX_PIXELS);
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_cli_check_chart_kind (GvRun     *const *runs,
                         guint             n_runs,
                         const char       *kind,
                         GError          **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) protocols = NULL;
  g_autofree char *list = NULL;
  g_autofree char *names = NULL;

  g_return_val_if_fail (runs != NULL && n_runs > 0, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  /* In a comparison a chart may be one that only some of the runs have: a metric
   * chart draws the runs that have the metric. */
  for (guint i = 0; i < n_runs; i++)
    if (gv_run_chart_has (gv_run_get_params (runs[i])->protocol, kind))
      return TRUE;

  ids = g_ptr_array_new_with_free_func (g_free);
  protocols = g_ptr_array_new ();
  for (guint i = 0; i < n_runs; i++)
    {
      const GvProtocol *protocol = gv_run_get_params (runs[i])->protocol;

      add_chart_ids (ids, protocol);
      if (!g_ptr_array_find_with_equal_func (protocols, protocol->id, g_str_equal, NULL))
        g_ptr_array_add (protocols, (gpointer) protocol->id);
    }

  list = gv_cli_join_list ((const char *const *) ids->pdata, ids->len, _(" or "));
  names = gv_cli_join_list ((const char *const *) protocols->pdata, protocols->len, _(" and "));
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("--kind: “%s” is not a chart of %s runs; use %s"), kind, names, list);
  return FALSE;
}

typedef struct
{
  GvChart   *chart;
  GvPalette  palette;
} ChartDraw;

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  ChartDraw *cd = user_data;

  gv_chart_draw (cd->chart, cr, width, height, &cd->palette);
}

gboolean
gv_cli_export_chart (GvChart                 *chart,
                     const GvCliChartOptions *options,
                     GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  ChartDraw cd = { chart };

  g_return_val_if_fail (GV_IS_CHART (chart), FALSE);
  g_return_val_if_fail (options != NULL && options->output != NULL, FALSE);

  if (options->dark)
    gv_palette_init_dark (&cd.palette);
  else
    gv_palette_init_light (&cd.palette);

  /* The window's exports go through the same function, so the files are alike. */
  bytes = gv_export_image (options->format, options->width, options->height, options->scale,
                           draw_chart_cb, &cd, error);
  if (bytes == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg (options->output);
  return gv_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, error);
}

int
gv_cli_chart_main (int    argc,
                   char **argv)
{
  g_autoptr(GvCliChartOptions) options = gv_cli_chart_options_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GvChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  if (!gv_cli_parse_chart (options, argc, argv, &error))
    {
      gv_cli_print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (options->help)
    {
      gv_cli_write_out (gv_cli_chart_usage ());
      return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK
                                                            : GV_CLI_EXIT_FAILURE;
    }

  runs = gv_cli_load_runs (options->inputs);
  if (runs == NULL)
    return GV_CLI_EXIT_USAGE;

  if (!gv_cli_check_chart_kind ((GvRun *const *) runs->pdata, runs->len, options->kind, &error))
    {
      gv_cli_print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  /* The same charts as the window's, from the one place that decides what they show. */
  chart = gv_chart_new ();
  gv_run_chart_runs (chart, options->kind, (GvRun *const *) runs->pdata, runs->len);

  if (!gv_cli_export_chart (chart, options, &error))
    {
      gv_cli_print_error ("%s: %s", options->output, error->message);
      return GV_CLI_EXIT_FAILURE;
    }

  return GV_CLI_EXIT_OK;
}
