<?php

declare(strict_types=1);

require __DIR__ . '/../vendor/autoload.php';

use Acme\Inventory\Inventory;

header('Content-Type: application/json');
$inventory = Inventory::sample();
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

if ($path === '/' || $path === '/health') {
    echo json_encode(['status' => 'ok', 'php' => PHP_VERSION]);
} elseif ($path === '/items') {
    echo json_encode($inventory->all());
} elseif (preg_match('#^/items/([A-Z0-9-]+)$#', $path, $m) && ($item = $inventory->find($m[1]))) {
    echo json_encode($item);
} else {
    http_response_code(404);
    echo json_encode(['error' => 'not found']);
}
