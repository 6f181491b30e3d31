package com.acme;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CatalogController {
    @GetMapping("/products")
    public List<String> products() {
        return List.of("tea", "coffee");
    }
}
