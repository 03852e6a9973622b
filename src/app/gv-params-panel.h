/* gv-params-panel.h: a control for every engine setting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-params.h"

G_BEGIN_DECLS

#define GV_TYPE_PARAMS_PANEL (gv_params_panel_get_type ())

G_DECLARE_FINAL_TYPE (GvParamsPanel, gv_params_panel, GV, PARAMS_PANEL, GtkWidget)

GtkWidget *gv_params_panel_new          (void);
/* The parameters the controls show; always a new object. */
GvParams  *gv_params_panel_get_params   (GvParamsPanel  *self);
/* Shows @params without emitting ::changed. */
void       gv_params_panel_set_params   (GvParamsPanel  *self,
                                         const GvParams *params);
/* Shows why the current settings cannot run, or hides the message (NULL). */
void       gv_params_panel_set_error    (GvParamsPanel  *self,
                                         const char     *message);
void       gv_params_panel_reset        (GvParamsPanel  *self);
/* The parameters of the default simulation: 64 nodes, the default protocol, fanout 1. */
GvParams  *gv_params_panel_default_params (void);
/* The row made for the protocol's parameter @name, or NULL when it has none (tests). */
GtkWidget *gv_params_panel_get_param_row (GvParamsPanel  *self,
                                          const char     *name);
/* The row of argument @arg of the choice parameter @name (shown only while the choice
 * takes one), or NULL. */
GtkWidget *gv_params_panel_get_choice_arg_row (GvParamsPanel *self,
                                          const char     *name,
                                          guint           arg);

G_END_DECLS
