// The explorer page (docs/api.md §9): a device's series with their latest values, a chart of one
// series drawn from the aggregates, and the raw samples of the chart's range below it. Everything
// it loads comes from this server; the token stays in this tab's session storage.
'use strict';
(() => {
    const $ = id => document.getElementById(id);
    const DEVICES = '../apollo/devices/';
    const TOKEN_KEY = 'apollo.explorer.token';
    // Bucket lengths in seconds, at most one bucket per pixel of the chart's width.
    const INTERVALS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
    const MAX_PAGES = 20;
    const SAMPLES_PER_PAGE = 100;

    let device = null;   // the device shown, as it was entered
    let chosen = null;   // the series charted: {timeseriesId, metric, lastTimestamp}
    let range = null;    // the chart's range: {from, to} in epoch milliseconds, to exclusive
    let chart = null;
    let nextSamples = null;

    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('token').addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, $('token').value));

    /** A sample's value as the service sent it: the exact text of a number, a string in quotes. */
    const reviver = (key, value, context) => key === 'val' && value !== null
        ? {text: typeof value === 'number' && context && context.source ? context.source : JSON.stringify(value),
            number: typeof value === 'number' ? value : null}
        : value;

    /** GET below the device; rejects with the API's own message when it answers with an error. */
    async function get(path, continuation) {
        const headers = {Authorization: 'Bearer ' + $('token').value.trim(), Accept: 'application/json'};
        const collection = $('collection').value.trim();
        if (collection) {
            headers.erCollectionId = collection;
        }
        if (continuation) {
            headers.ContinuationToken = continuation;
        }
        let response;
        try {
            response = await fetch(DEVICES + encodeURIComponent(device) + path, {headers});
        } catch (failure) {
            throw new Error('The service did not answer: ' + failure.message);
        }
        const text = await response.text();
        let body = null;
        try {
            body = JSON.parse(text, reviver);
        } catch (notJson) {
            body = null;
        }
        if (!response.ok) {
            const message = body && body.status ? body.status.Message : response.statusText;
            throw new Error(response.status + ' ' + message);
        }
        if (!body || !Array.isArray(body.data)) {
            throw new Error(response.status + ': the answer is not the API\'s envelope');
        }
        return {data: body.data, next: response.headers.get('ContinuationToken')};
    }

    /** Every page of a paged GET, up to MAX_PAGES. */
    async function all(path) {
        const items = [];
        let next = null;
        let pages = 0;
        do {
            const page = await get(path, next);
            items.push(...page.data);
            next = page.next;
        } while (next && ++pages < MAX_PAGES);
        return {items, complete: !next};
    }

    function showError(failure) {
        $('error').textContent = failure.message;
        $('error').hidden = false;
    }

    function clearError() {
        $('error').hidden = true;
        $('error').textContent = '';
    }

    /** Runs an action, showing its failure in the error box. */
    function guarded(action) {
        return async event => {
            if (event) {
                event.preventDefault();
            }
            clearError();
            try {
                await action();
            } catch (failure) {
                showError(failure);
            }
        };
    }

    const utc = time => new Date(time).toISOString().replace('T', ' ').replace('.000Z', 'Z');
    const cell = (text, className) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (className) {
            td.className = className;
        }
        return td;
    };

    async function showDevice() {
        $('series-section').hidden = true;
        $('chart-section').hidden = true;
        device = $('device').value.trim();
        const listing = await all('/timeseries?limit=1000');
        const body = $('series').querySelector('tbody');
        body.replaceChildren();
        for (const series of listing.items) {
            const row = document.createElement('tr');
            row.dataset.timeseriesId = series.timeseriesId;
            row.dataset.metric = series.metric;
            row.append(cell(series.timeseriesId), cell(series.metric), cell(String(series.count), 'number'),
                cell(series.firstTimestamp), cell(series.lastTimestamp), cell(series.latest.val.text, 'number'),
                cell(utc(series.latest.ingestUnixTimestamp)));
            row.addEventListener('click', guarded(() => choose(series, row)));
            body.append(row);
        }
        $('series-section').hidden = false;
        $('chart-section').hidden = true;
        if (listing.items.length > 0) {
            await choose(listing.items[0], body.rows[0]);
        }
    }

    async function choose(series, row) {
        chosen = series;
        for (const other of $('series').querySelectorAll('tbody tr')) {
            other.classList.toggle('chosen', other === row);
        }
        $('chart-title').textContent = series.timeseriesId + ' / ' + series.metric;
        $('chart-section').hidden = false;
        $('range').value = '3600';
        setRange();
        await showRange();
    }

    const inputValue = time => new Date(time).toISOString().slice(0, 19);
    const fromInput = value => Date.parse(value + 'Z');

    /** The range the form asks for: the last hour, day or week up to the latest sample, or the custom one. */
    function setRange() {
        const choice = $('range').value;
        if (choice === 'custom') {
            const from = fromInput($('from').value);
            const to = fromInput($('to').value);
            if (!(from < to)) {
                throw new Error('Choose a custom range whose start is before its end.');
            }
            range = {from, to};
        } else {
            const to = Math.floor(Date.parse(chosen.lastTimestamp)) + 1;
            range = {from: to - Number(choice) * 1000, to};
        }
        $('from').value = inputValue(range.from);
        $('to').value = inputValue(range.to);
    }

    function query() {
        return '/timeseries/samples?timeseries_ids=' + encodeURIComponent(chosen.timeseriesId)
            + '&metric=' + encodeURIComponent(chosen.metric)
            + '&startTime=' + new Date(range.from).toISOString() + '&endTime=' + new Date(range.to).toISOString();
    }

    async function showRange() {
        await Promise.all([drawChart(), showSamples(null)]);
    }

    // Each chart and each table of samples is drawn from its latest request only: an earlier
    // one that answers later (a range changed meanwhile) is dropped.
    let chartRequest = 0;
    let samplesRequest = 0;

    async function drawChart() {
        const request = ++chartRequest;
        const width = Math.max(300, $('chart').clientWidth || 900);
        const seconds = (range.to - range.from) / 1000;
        const interval = INTERVALS.find(length => length >= seconds / width) || INTERVALS[INTERVALS.length - 1];
        const aggregation = $('function').value;
        const answer = await all(query() + '&aggregation=' + aggregation + '&interval=PT' + interval + 'S'
            + '&limit=1000&paginated=true');
        if (request !== chartRequest) {
            return;
        }
        // timeseries_ids splits at commas and trims: an id with either may bring other series' buckets.
        const buckets = {items: answer.items.filter(bucket => bucket.timeseriesId === chosen.timeseriesId
                && bucket.metric === chosen.metric), complete: answer.complete};
        const xs = buckets.items.map(bucket => bucket.unixTimestamp / 1000);
        const ys = buckets.items.map(bucket => bucket.val === null ? null
            : bucket.val.number !== null ? bucket.val.number : Number.parseFloat(JSON.parse(bucket.val.text)));
        const samples = buckets.items.reduce((total, bucket) => total + bucket.count, 0);
        $('chart-status').textContent = buckets.items.length + ' buckets of PT' + interval + 'S (' + aggregation
            + ') over ' + samples + ' samples, ' + utc(range.from) + ' to ' + utc(range.to)
            + (buckets.complete ? '' : ' (first ' + MAX_PAGES + ' pages)');
        const data = [xs, ys.map(y => Number.isFinite(y) ? y : null)];
        if (chart) {
            chart.destroy();
        }
        chart = new uPlot({
            width,
            height: 320,
            tzDate: time => uPlot.tzDate(new Date(time * 1000), 'Etc/UTC'),
            scales: {x: {time: true, auto: false, range: () => [range.from / 1000, range.to / 1000]}},
            series: [{}, {label: chosen.timeseriesId + ' / ' + chosen.metric + ' (' + aggregation + ')',
                stroke: '#1f5fb4', width: 2}],
            cursor: {drag: {x: true, y: false, setScale: false}},
            hooks: {setSelect: [zoom]},
        }, data, $('chart'));
    }

    /** Dragging across the chart selects a range: it becomes the custom range, drawn anew. */
    function zoom(plot) {
        if (plot.select.width < 3) {
            return;
        }
        const from = Math.floor(plot.posToVal(plot.select.left, 'x') * 1000);
        const to = Math.ceil(plot.posToVal(plot.select.left + plot.select.width, 'x') * 1000);
        $('range').value = 'custom';
        $('from').value = inputValue(from);
        $('to').value = inputValue(to);
        range = {from, to};
        guarded(showRange)();
    }

    async function showSamples(continuation) {
        const request = ++samplesRequest;
        const page = await get(query() + '&limit=' + SAMPLES_PER_PAGE + '&paginated=true', continuation);
        if (request !== samplesRequest) {
            return;
        }
        const body = $('samples').querySelector('tbody');
        body.replaceChildren();
        for (const sample of page.data) {
            const row = document.createElement('tr');
            row.append(cell(sample.timestamp), cell(sample.val.text, 'number'), cell(utc(sample.ingestUnixTimestamp)));
            body.append(row);
        }
        nextSamples = page.next;
        $('next-page').disabled = !nextSamples;
        $('page-status').textContent = page.data.length + ' samples' + (nextSamples ? ', more follow' : '');
    }

    $('device-form').addEventListener('submit', guarded(showDevice));
    $('range-form').addEventListener('submit', guarded(async () => {
        setRange();
        await showRange();
    }));
    $('range').addEventListener('change', guarded(async () => {
        if ($('range').value !== 'custom') {
            setRange();
            await showRange();
        }
    }));
    $('function').addEventListener('change', guarded(drawChart));
    $('first-page').addEventListener('click', guarded(() => showSamples(null)));
    $('next-page').addEventListener('click', guarded(() => showSamples(nextSamples)));
})();
