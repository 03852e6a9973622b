/* gv-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The prefix of ui/grapevine.gresource.xml, which is also the application's resource
 * base path (its help overlay and style.css are found there). */
#define GV_RESOURCE_PREFIX "/io/github/grapevine_lab/Grapevine"
/* What a saved run is, to the desktop (the MIME type data/ installs). */
#define GV_RUN_MIME_TYPE "application/x-grapevine-run"

#define GV_TYPE_APPLICATION (gv_application_get_type ())

G_DECLARE_FINAL_TYPE (GvApplication, gv_application, GV, APPLICATION, AdwApplication)

GvApplication *gv_application_new (void);

/* The file choosers' filter for saved runs (the run MIME type, .grapevine, .json). */
GtkFileFilter *gv_application_run_filter (void);

G_END_DECLS
