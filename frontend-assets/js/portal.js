// The portal's only script: CSRF for htmx, confirmations, the narrow-screen menu, and charts from data in the
// page (no inline scripts: CSP).
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

    // htmx leaves a page as it was when an answer fails; a database outage (503) says so instead of doing nothing
    document.addEventListener('htmx:responseError', function (event) {
        var notice = document.getElementById('outage-notice');
        if (notice && event.detail.xhr && event.detail.xhr.status === 503) {
            notice.hidden = false;
            notice.scrollIntoView({block: 'nearest'});
        }
    });
    document.addEventListener('htmx:afterRequest', function (event) {
        var notice = document.getElementById('outage-notice');
        if (notice && event.detail.successful) {
            notice.hidden = true;
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

    // Narrow screens: the menu button opens and closes the navigation (the CSS hides it there unless .open);
    // Escape closes it and gives the focus back to the button.
    function setMenu(button, open) {
        button.setAttribute('aria-expanded', String(open));
        document.getElementById(button.getAttribute('aria-controls')).classList.toggle('open', open);
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('#menu-toggle');
        if (button) {
            setMenu(button, button.getAttribute('aria-expanded') !== 'true');
        }
    });
    document.addEventListener('keydown', function (event) {
        var button = document.getElementById('menu-toggle');
        if (event.key === 'Escape' && button && button.getAttribute('aria-expanded') === 'true') {
            setMenu(button, false);
            button.focus();
        }
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
            var labels = [], values = [], second = [];
            items.forEach(function (li) {
                labels.push(li.dataset.label);
                // no value is a day without figures: a gap in the line, not a zero that reads as an outage
                values.push(li.dataset.value === undefined || li.dataset.value === '' ? null : Number(li.dataset.value));
                if (li.dataset.value2 !== undefined) {
                    second.push(Number(li.dataset.value2));
                }
            });
            var type = figure.dataset.type || 'bar';
            var axes = type === 'bar' || type === 'line';
            var datasets;
            // two series (data-value2, named by the figure's data-legend1/2), one line, or bars coloured one by one
            if (second.length) {
                datasets = [
                    {label: figure.dataset.legend1, data: values, backgroundColor: palette[0], borderColor: palette[0]},
                    {label: figure.dataset.legend2, data: second, backgroundColor: palette[3], borderColor: palette[3]}
                ];
            } else if (type === 'line') {
                datasets = [{data: values, borderColor: palette[0], backgroundColor: palette[0], tension: 0.2}];
            } else {
                datasets = [{data: values, backgroundColor: palette, borderWidth: 0}];
            }
            var horizontal = figure.dataset.axis === 'y';
            var scales = {};
            if (axes) {
                var valueAxis = horizontal ? 'x' : 'y';
                scales[valueAxis] = {beginAtZero: true};
                if (figure.dataset.max) {
                    scales[valueAxis].suggestedMax = Number(figure.dataset.max);
                }
                if (figure.dataset.everyLabel) {
                    scales[horizontal ? 'y' : 'x'] = {ticks: {autoSkip: false}};
                }
            }
            new window.Chart(figure.querySelector('canvas'), {
                type: type,
                data: {labels: labels, datasets: datasets},
                options: {
                    animation: false,
                    indexAxis: horizontal ? 'y' : 'x',
                    plugins: {legend: {display: second.length > 0 || !axes, position: second.length ? 'top' : 'right'}},
                    scales: scales
                }
            });
            figure.dataset.drawn = 'true';
        });
    }

    // copy a secret shown once; the Clipboard API needs a secure context, so plain HTTP falls back to a selection
    document.addEventListener('click', function (event) {
        var button = event.target.closest('button[data-copy]');
        if (!button) {
            return;
        }
        var source = document.getElementById(button.dataset.copy);
        var text = source ? source.textContent.trim() : '';
        var done = function () {
            button.textContent = button.dataset.copied;
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(done);
        } else {
            var range = document.createRange();
            range.selectNodeContents(source);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            if (document.execCommand('copy')) {
                done();
            }
        }
    });
    document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });
    document.addEventListener('htmx:afterSettle', function (event) { drawCharts(event.target); });
})();
