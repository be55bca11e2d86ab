/**
 * Citizens' complaints: the form's checks and intake (the holder at that moment), references, the operators' queue
 * with handling and the contact revealed on request, an enterprise's own complaints, and the dashboard panel.
 */
package cn.np700.portal.compliance.complaints;
