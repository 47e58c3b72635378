<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- A stop waiting for its disposition: the re-test and digits typed meanwhile (desk polish). -->
<context>
<name>checkpoint_desk</name>
<message><source>{value} is not a body temperature: {low}–{high} ℃.</source><translation>{value} 不是体温：体温应在 {low}–{high} ℃ 之间。</translation></message>
<message><source>Re-test: type {low}–{high} ℃, then Enter.</source><translation>复测：请输入 {low}–{high} ℃ 的体温，再按回车。</translation></message>
<message><source>{value} not recorded: choose 1–4 first.</source><translation>{value} 未登记：请先按 1–4 选择处置。</translation></message>
</context>
</TS>
