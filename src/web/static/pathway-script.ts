/**
 * The browser script of the product page, served as /static/pathway.js: draws the pathway graph
 * from the JSON in #pathway-data with Cytoscape.js (breadthfirst tree). Kept as text here so the
 * project has no client build step and the script is not type-checked as server code.
 */
export const pathwayScript = String.raw`// Draws the pathway graph from the JSON in #pathway-data with Cytoscape.js (breadthfirst tree).
(function () {
  'use strict';
  var container = document.getElementById('pathway');
  var data = document.getElementById('pathway-data');
  if (!container || !data || typeof window.cytoscape !== 'function') return;
  var cy = window.cytoscape({
    container: container,
    elements: JSON.parse(data.textContent || '[]'),
    layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 20 },
    style: [
      { selector: 'node', style: {
        shape: 'round-rectangle', 'background-color': '#eef3fb', 'border-color': '#0b4fa8', 'border-width': 1,
        label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'font-size': 11, color: '#1b1f24',
        width: 'label', height: 'label', padding: '8px' } },
      { selector: 'node[printed = 1]', style: { 'border-width': 4, 'border-color': '#c8102e' } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#4a5360', 'target-arrow-color': '#4a5360', width: 2 } },
    ],
    userZoomingEnabled: true, boxSelectionEnabled: false,
  });
  container.setAttribute('data-nodes', String(cy.nodes().length));
  container.setAttribute('data-ready', 'true');
})();
`;
