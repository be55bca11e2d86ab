// The portal's only script: CSRF for htmx, confirmations, and charts from data in the page (no inline scripts: CSP).
(function () {
    'use strict';

    function meta(name) {
        var el = document.querySelector('meta[name="' + name + '"]');
        return el ? el.getAttribute('content') : null;
    }

    document.addEventListener('htmx:configRequest', function (event) {
        var header = meta('csrf-header');
        var token = meta('csrf-token');
        if (header && token) {
            event.detail.headers[header] = token;
        }
    });

    document.addEventListener('submit', function (event) {
        var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
        if (message && !window.confirm(message)) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);

    // The server refuses uploads over its multipart limit before the portal sees them (a bare 413), so the
    // page says so first, next to the field, and keeps the form as it is.
    document.addEventListener('submit', function (event) {
        var input = event.target.querySelector && event.target.querySelector('input[type=file][data-max-bytes]');
        if (!input || !input.files || !input.files.length) {
            return;
        }
        var problem = event.target.querySelector('#file-too-large');
        if (input.files[0].size > Number(input.dataset.maxBytes)) {
            event.preventDefault();
            if (problem) {
                problem.textContent = input.dataset.tooLarge;
                problem.hidden = false;
            }
        } else if (problem) {
            problem.hidden = true;
        }
    });

    // The binding form shows B for AXB and N for AXN. Without script both stay, each labelled with its mode; a field
    // that holds a value or a message stays whatever the mode, so nothing typed or explained is hidden.
    function showModeFields(select) {
        if (!select.form) {
            return;
        }
        select.form.querySelectorAll('.mode-field[data-mode]').forEach(function (field) {
            var input = field.querySelector('input');
            var keep = (input && input.value) || field.querySelector('.field-error');
            field.hidden = field.dataset.mode !== select.value && !keep;
        });
    }

    document.addEventListener('change', function (event) {
        if (event.target.matches && event.target.matches('select[data-mode-switch]')) {
            showModeFields(event.target);
        }
    });
    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('select[data-mode-switch]').forEach(showModeFields);
    });

    var palette = ['#1f6feb', '#d97706', '#b91c1c', '#059669', '#7c3aed', '#64748b'];

    function drawCharts(root) {
        if (typeof window.Chart === 'undefined') {
            return;
        }
        root.querySelectorAll('figure.chart').forEach(function (figure) {
            if (figure.dataset.drawn) {
                return;
            }
            var items = figure.querySelectorAll('.chart-data li');
            var labels = [], values = [];
            items.forEach(function (li) {
                labels.push(li.dataset.label);
                values.push(Number(li.dataset.value));
            });
            var type = figure.dataset.type || 'bar';
            new window.Chart(figure.querySelector('canvas'), {
                type: type,
                data: {labels: labels, datasets: [{data: values, backgroundColor: palette, borderWidth: 0}]},
                options: {
                    animation: false,
                    plugins: {legend: {display: type !== 'bar', position: 'right'}},
                    scales: type === 'bar' ? {y: {beginAtZero: true}} : {}
                }
            });
            figure.dataset.drawn = 'true';
        });
    }

    document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });
    document.addEventListener('htmx:afterSettle', function (event) { drawCharts(event.target); });
})();
